# docker buildx bake             -> blog:latest (production)
# docker buildx bake test        -> blog:test   (with the dev group, runs pytest)

group "default" {
  targets = ["production"]
}

target "production" {
  context    = "."
  dockerfile = "pydock.toml"
  tags       = ["blog:latest"]
}

target "test" {
  context    = "."
  dockerfile = "pydock.toml"
  target     = "test"
  tags       = ["blog:test"]
}
