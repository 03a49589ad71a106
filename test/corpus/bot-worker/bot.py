import os
import platform

import requests

API = os.environ.get("BOT_API", "https://api.example.invalid")


def build_poll_request(offset: int) -> requests.PreparedRequest:
    return requests.Request("GET", f"{API}/getUpdates", params={"offset": offset, "timeout": 30}).prepare()


def main() -> None:
    req = build_poll_request(offset=0)
    py = ".".join(platform.python_version_tuple()[:2])
    print(f"bot ready on Python {py} with requests {requests.__version__}: {req.method} {req.url}", flush=True)


if __name__ == "__main__":
    main()
