import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from hello_pkg import __version__


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"hello-pkg {__version__} served by its console script\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    print(f"serving on 0.0.0.0:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
