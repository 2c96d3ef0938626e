#!/usr/bin/env python3
"""The alternative a team would otherwise write: CVAT auth checks as a plain `requests` script.

It sends the same requests as cvat-authcheck's built-in probes (the chain `cvat-authcheck bench`
prints) and checks the answers with simple status/body assertions, one JUnit test case per check,
sequentially or with a ThreadPoolExecutor. It exists to be measured against, not to be used.

usage: bench_requests.py --targets URLS.json --mode sequential|pool [--workers N] [--user probe]
                         [--junit PATH]
The password comes from $CVAT_AUTHCHECK_BENCH_PASSWORD, the e-mail from $CVAT_AUTHCHECK_BENCH_EMAIL.
Prints one JSON object with its own measurements on the last line of stdout.
"""
import argparse
import datetime
import http.cookiejar
import json
import os
import resource
import secrets
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import requests

JSON = "application/json"


class Target:
    """One CVAT server checked with one requests.Session (keep-alive, no cookie jar: explicit headers)."""

    def __init__(self, url, user, password, email):
        self.url = url.rstrip("/")
        self.user, self.password, self.email = user, password, email
        self.session = requests.Session()
        self.session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        self.requests = 0
        self.cases = []  # (name, failure message or None, seconds)

    def call(self, method, path, **kwargs):
        self.requests += 1
        headers = {"Accept": "application/vnd.cvat+json"}
        headers.update(kwargs.pop("headers", {}))
        return self.session.request(method, self.url + path, headers=headers, timeout=30, allow_redirects=False, **kwargs)

    def check(self, name, condition, message):
        self.cases.append((name, None if condition else message))
        return condition

    def run(self):
        try:
            self.probes()
        except requests.RequestException as error:
            self.cases.append(("transport", f"error: {error}"))
        finally:
            self.session.close()
        return self

    def probes(self):
        # Version detection, then about.shape.
        about = self.call("GET", "/api/server/about")
        version = tuple(int(part) for part in about.json()["version"].split(".")[:2])
        about = self.call("GET", "/api/server/about")
        body = about.json()
        self.check("about.shape", about.status_code == 200 and {"name", "description", "version"} <= body.keys(), f"about: {about.status_code}")
        # anonymous.denied
        anonymous = self.call("GET", "/api/users/self")
        self.check("anonymous.denied", anonymous.status_code == 401, f"anonymous: {anonymous.status_code}")
        # credentials.bad: one attempt, unknown user, random password.
        bad = self.call("POST", "/api/auth/login", json={"username": "cvat-authcheck-" + secrets.token_hex(4), "password": secrets.token_urlsafe(16)})
        self.check("credentials.bad", bad.status_code == 400, f"bad credentials: {bad.status_code}")
        # login.password: username form, then e-mail form.
        login = self.call("POST", "/api/auth/login", json={"username": self.user, "password": self.password})
        cookies = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0] for c in login.raw.headers.getlist("Set-Cookie")}
        key = login.json().get("key") if login.status_code == 200 else None
        ok = self.check("login.password username", login.status_code == 200 and key and "sessionid" in cookies, f"login: {login.status_code} {sorted(cookies)}")
        if self.email:
            by_email = self.call("POST", "/api/auth/login", json={"email": self.email, "password": self.password})
            self.check("login.password email", by_email.status_code == 200, f"e-mail login: {by_email.status_code}")
        if not ok:
            return
        session, csrf = cookies["sessionid"], cookies.get("csrftoken", "")
        cookie = {"Cookie": f"sessionid={session}; csrftoken={csrf}"}
        unsafe = {**cookie, "X-CSRFToken": csrf, "Referer": self.url + "/", "Origin": self.url}
        # token.legacy, basic, session.cookie
        token = self.call("GET", "/api/users/self", headers={"Authorization": f"Token {key}"})
        self.check("token.legacy", token.status_code == 200, f"Token: {token.status_code}")
        basic = self.call("GET", "/api/users/self", auth=(self.user, self.password))
        self.check("basic", basic.status_code == 200, f"Basic: {basic.status_code}")
        if version <= (2, 45):
            signed = self.call("POST", "/api/auth/signing", json={"url": self.url + "/api/users/self"}, headers={"Authorization": f"Token {key}"})
            if self.check("signing sign", signed.status_code == 200, f"signing: {signed.status_code}"):
                use = self.call("GET", signed.json().replace(self.url, ""))
                self.check("signing use", use.status_code == 200, f"signed URL: {use.status_code}")
        by_cookie = self.call("GET", "/api/users/self", headers={"Cookie": f"sessionid={session}"})
        self.check("session.cookie", by_cookie.status_code == 200, f"session: {by_cookie.status_code}")
        # session.csrf: without the token, with it, with it and the SDK's Origin.
        bare = self.call("POST", "/api/projects", json={}, headers=cookie)
        self.check("session.csrf missing", bare.status_code == 403 and "CSRF" in bare.text, f"no X-CSRFToken: {bare.status_code}")
        with_token = self.call("POST", "/api/projects", json={}, headers={**cookie, "X-CSRFToken": csrf, "Referer": self.url + "/"})
        self.check("session.csrf token", with_token.status_code == 400, f"X-CSRFToken: {with_token.status_code}")
        with_origin = self.call("POST", "/api/projects", json={}, headers=unsafe)
        self.check("session.csrf origin", with_origin.status_code == 400, f"Origin: {with_origin.status_code}")
        # cookies.attributes: read from the login answer.
        self.check("cookies.attributes", all("SameSite=Lax" in c for c in login.raw.headers.getlist("Set-Cookie")), "cookie attributes")
        pat = None
        if version >= (2, 48):
            # access-token.lifecycle: create read-only, use as Bearer, read-only enforced, revoke, dead.
            expiry = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).isoformat()
            created = self.call("POST", "/api/auth/access_tokens", json={"name": "bench-" + secrets.token_hex(4), "read_only": True, "expiry_date": expiry}, headers=unsafe)
            if self.check("access-token create", created.status_code == 201, f"create: {created.status_code}"):
                value, token_id = created.json()["value"], created.json()["id"]
                bearer = {"Authorization": f"Bearer {value}"}
                use = self.call("GET", "/api/users/self", headers=bearer)
                self.check("access-token use", use.status_code == 200, f"Bearer: {use.status_code}")
                write = self.call("POST", "/api/projects", json={}, headers=bearer)
                self.check("access-token read-only", write.status_code == 403, f"read-only: {write.status_code}")
                revoke = self.call("DELETE", f"/api/auth/access_tokens/{token_id}", headers=unsafe)
                dead = self.call("GET", "/api/users/self", headers=bearer)
                self.check("access-token revoke", revoke.status_code == 204 and dead.status_code == 401, f"revoke: {revoke.status_code}, then {dead.status_code}")
            survivor = self.call("POST", "/api/auth/access_tokens", json={"name": "bench-logout-" + secrets.token_hex(4), "read_only": True, "expiry_date": expiry}, headers=unsafe)
            if survivor.status_code == 201:
                pat = survivor.json()
        # logout.invalidates: session and legacy key dead, the PAT survives.
        logout = self.call("POST", "/api/auth/logout", headers=unsafe)
        self.check("logout", logout.status_code == 200, f"logout: {logout.status_code}")
        old = self.call("GET", "/api/users/self", headers={"Cookie": f"sessionid={session}"})
        self.check("logout session dead", old.status_code in (401, 403), f"old session: {old.status_code}")
        legacy = self.call("GET", "/api/users/self", headers={"Authorization": f"Token {key}"})
        self.check("logout token dead", legacy.status_code == 401, f"old key: {legacy.status_code}")
        if pat:
            survived = self.call("GET", "/api/users/self", headers={"Authorization": f"Bearer {pat['value']}"})
            self.check("logout access token unaffected", survived.status_code == 200, f"PAT after logout: {survived.status_code}")
            self.call("DELETE", f"/api/auth/access_tokens/{pat['id']}", auth=(self.user, self.password))


def write_junit(path, targets):
    root = ET.Element("testsuites", name="python-requests")
    for target in targets:
        suite = ET.SubElement(root, "testsuite", name=target.url, tests=str(len(target.cases)),
                              failures=str(sum(1 for _, failure in target.cases if failure)))
        for name, failure in target.cases:
            case = ET.SubElement(suite, "testcase", classname=target.url, name=name)
            if failure:
                ET.SubElement(case, "failure", message=failure)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", required=True, help="JSON file: a list of base URLs")
    parser.add_argument("--mode", choices=["sequential", "pool"], default="sequential")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--user", default="probe")
    parser.add_argument("--junit", default=None)
    args = parser.parse_args()
    with open(args.targets) as handle:
        urls = json.load(handle)
    password = os.environ["CVAT_AUTHCHECK_BENCH_PASSWORD"]
    email = os.environ.get("CVAT_AUTHCHECK_BENCH_EMAIL")

    cpu_start, start = time.process_time(), time.perf_counter()
    targets = [Target(url, args.user, password, email) for url in urls]
    if args.mode == "sequential":
        done = [target.run() for target in targets]
    else:
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            done = list(pool.map(Target.run, targets))
    if args.junit:
        write_junit(args.junit, done)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    cases = [failure for target in done for _, failure in target.cases]
    print(json.dumps({
        "wall_seconds": wall, "targets": len(done), "requests": sum(t.requests for t in done),
        "chain_length": max((t.requests for t in done), default=0), "cases": len(cases),
        "failures": sum(1 for failure in cases if failure and not failure.startswith("error")),
        "errors": sum(1 for failure in cases if failure and failure.startswith("error")),
        "cpu_seconds": cpu, "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    for target in done:
        for name, failure in target.cases:
            if failure:
                print(f"{target.url} {name}: {failure}", file=sys.stderr)


if __name__ == "__main__":
    main()
