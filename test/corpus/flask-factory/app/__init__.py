from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(GREETING="built by the create_app factory")

    from app import routes

    app.register_blueprint(routes.bp)
    return app
