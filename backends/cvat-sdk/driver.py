#!/usr/bin/env python3
"""cvat-authcheck plugin (protocol 1): the cvat-sdk backend.

Runs with any Python 3 (standard library only). It answers `describe` itself; for `run` it gets
the cached venv of the requested cvat-sdk version from scripts/sdk-venv.sh (creating it from PyPI
on first use) and runs session.py inside it, passing its outcome lines through. Credentials come
only from the environment (CVAT_AUTHCHECK_USERNAME, CVAT_AUTHCHECK_PASSWORD,
CVAT_AUTHCHECK_ACCESS_TOKEN); they are never printed.
"""
import json
import os
import subprocess
import sys

PROTOCOL = 1
HERE = os.path.dirname(os.path.abspath(__file__))


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def redact(text):
    for name in ("CVAT_AUTHCHECK_PASSWORD", "CVAT_AUTHCHECK_ACCESS_TOKEN"):
        value = os.environ.get(name)
        if value and len(value) >= 6:
            text = text.replace(value, "[REDACTED]")
    return text


def error(probe, message, observed=None, cause="backend-unavailable"):
    emit({"type": "outcome", "name": probe + " (cvat-sdk backend)", "status": "error", "message": redact(message),
          "observed": redact(observed) if observed else None, "cause": cause})


def venv_python(version):
    """The venv's python for this cvat-sdk version, or raises RuntimeError with the reason."""
    script = os.environ.get("CVAT_AUTHCHECK_SDK_VENV") or os.path.join(HERE, "..", "..", "scripts", "sdk-venv.sh")
    if not os.path.isfile(script):
        raise RuntimeError("scripts/sdk-venv.sh was not found next to the plugin (set CVAT_AUTHCHECK_SDK_VENV)")
    result = subprocess.run(["sh", script, version], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        tail = result.stderr.strip().splitlines()[-5:]
        raise RuntimeError("could not create the cvat-sdk %s venv (sdk-venv.sh exit %d): %s"
                           % (version, result.returncode, " | ".join(tail) or "no message"))
    return result.stdout.strip().splitlines()[-1]


def main():
    emit({"type": "hello", "protocol": PROTOCOL, "plugin": "cvat-sdk"})
    line = sys.stdin.readline()
    try:
        request = json.loads(line)
    except ValueError:
        error("sdk.session", "the runner sent no valid request line", cause="plugin-protocol")
        emit({"type": "done"})
        return 0
    if request.get("type") == "describe":
        emit({"type": "describe", "probes": [{"id": "sdk.session", "phase": "authenticated"}],
              "backends": [{"name": "cvat-sdk", "versions": ">=2.24.0"}]})
        emit({"type": "done"})
        return 0
    probe = request.get("probe", "sdk.session")
    version = request.get("backend_version") or os.environ.get("CVAT_AUTHCHECK_BACKEND_VERSION")
    if not version:
        error(probe, "no cvat-sdk version was requested (use --backend cvat-sdk@X.Y.Z)", cause="backend-usage")
        emit({"type": "done"})
        return 0
    try:
        python = venv_python(version)
    except (RuntimeError, OSError) as exc:
        error(probe, str(exc))
        emit({"type": "done"})
        return 0
    child = subprocess.Popen([python, os.path.join(HERE, "session.py")], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    child.stdin.write(json.dumps(request) + "\n")
    child.stdin.close()
    sent = 0
    for out in child.stdout:
        out = out.strip()
        if not out:
            continue
        try:
            message = json.loads(out)
        except ValueError:
            sys.stderr.write("session.py: " + redact(out) + "\n")
            continue
        if message.get("type") in ("outcome", "secret"):
            emit(message)
            sent += message.get("type") == "outcome"
    status = child.wait()
    if status != 0 or sent == 0:
        error(probe, "the cvat-sdk %s session script exited with status %d after %d outcome(s)" % (version, status, sent),
              cause="plugin-crash")
    emit({"type": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
