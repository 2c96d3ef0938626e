"""Example cvat-authcheck plugin: one request, one outcome. Credentials come from the environment."""
import base64, json, os, sys, urllib.error, urllib.request

def emit(**message):
    print(json.dumps(message), flush=True)

emit(type="hello", protocol=1, plugin="example-basic-auth")
request = json.loads(sys.stdin.readline())
user, password = os.environ.get("CVAT_AUTHCHECK_USERNAME"), os.environ.get("CVAT_AUTHCHECK_PASSWORD")
url = request["target"]["url"].rstrip("/") + "/api/users/self"
auth = base64.b64encode(f"{user}:{password}".encode()).decode()
http = urllib.request.Request(url, headers={"Authorization": "Basic " + auth, "Accept": "application/vnd.cvat+json"})
try:
    with urllib.request.urlopen(http, timeout=request.get("request_timeout", 10)) as response:
        status, body = response.status, json.loads(response.read())
except urllib.error.HTTPError as error:
    status, body = error.code, {}
works = status == 200 and body.get("username") == user
emit(type="outcome", name="basic on users/self", status="pass" if works else "fail",
     message=f"GET /api/users/self with HTTP Basic answered {status}",
     expected="200 with the probe account", observed=f"{status}, username {body.get('username')!r}",
     evidence=[{"method": "GET", "url": url, "status": status, "request_headers": [], "response_headers": [], "duration": 0}],
     facts={"server_version": request["server"].get("version", "?")})
emit(type="done")
