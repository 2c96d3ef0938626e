"""Drive the real cvat-sdk against a CVAT server (the emulator, or anything else) and report the
outcome as one JSON line on stdout.

usage: python sdk_driver.py HOST_URL (password|access-token)

The username comes from CVAT_USER (default "probe"); the password from CVAT_PASSWORD; the personal
access token from CVAT_ACCESS_TOKEN. Secrets are never printed.

Steps, as in the reference runs: make_client(...) (which checks the server version and logs in),
users_api.retrieve_self(), then client.logout() (an unsafe POST for password sessions).

Output: {"outcome": "ok", ...} or {"outcome": "error", "type": <exception class>, "message": ...,
"status": <HTTP status if any>, "body": <response body if any>, "line": <source line that raised>,
"step": "make_client" | "retrieve_self" | "logout"} (the step names of sdk-outcomes.jsonl).

A server with a private CA is trusted through SSL_CERT_FILE (urllib3 loads the default verify paths
when cvat-sdk gives it no CA file).
"""

import json
import os
import sys
import traceback


def main() -> int:
    host, mode = sys.argv[1], sys.argv[2]
    import cvat_sdk
    from cvat_sdk import make_client

    report = {
        "sdk": getattr(cvat_sdk, "__version__", "?"),
        "python": "%d.%d" % sys.version_info[:2],
        "mode": mode,
    }
    step = "make_client"
    try:
        if mode == "password":
            context = make_client(host, credentials=(os.environ.get("CVAT_USER", "probe"), os.environ["CVAT_PASSWORD"]))
        elif mode == "access-token":
            context = make_client(host, access_token=os.environ["CVAT_ACCESS_TOKEN"])
        else:
            raise SystemExit("unknown mode %r" % mode)
        with context as client:
            step = "retrieve_self"
            me, _ = client.api_client.users_api.retrieve_self()
            report["user"] = me.username
            report["cookies"] = sorted(client.api_client.cookies.keys())
            step = "logout"
            client.logout()
        report["outcome"] = "ok"
    except Exception as error:  # noqa: BLE001 - every failure is the result we report
        frames = traceback.extract_tb(error.__traceback__)
        report.update(
            outcome="error",
            type=type(error).__name__,
            message=str(error),
            status=getattr(error, "status", None),
            body=getattr(error, "body", None) if isinstance(getattr(error, "body", None), str) else None,
            line=(frames[-1].line or "") if frames else "",
            step=step,
        )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
