#!/usr/bin/env python3
"""A stand-in for GitHub's OAuth endpoints and user API on 127.0.0.1, for sign-in tests.

Checks what GitHub checks, and PKCE: the client id and secret, the code (once), the redirect URI, and that
S256(code_verifier) equals the code_challenge given at authorization.
Prints "READY <port>" and serves until stdin closes.
Usage: fake_github.py CLIENT_ID CLIENT_SECRET USER_ID LOGIN EMAIL VERIFIED(true|false)
"""
import base64, hashlib, json, secrets, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

client_id, client_secret, user_id, login, email, verified = sys.argv[1:7]
codes = {}    # code -> (challenge, redirect_uri)
tokens = set()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/login/oauth/authorize":
            if q.get("client_id") != client_id or q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
                return self.reply(400, {"error": "bad authorization request"})
            code = secrets.token_hex(10)
            codes[code] = (q["code_challenge"], q["redirect_uri"])
            target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q.get("state", "")})
            return self.reply(302, {}, {"Location": target})
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in tokens:
            return self.reply(401, {"message": "Bad credentials"})
        if url.path == "/api/v3/user":
            return self.reply(200, {"id": int(user_id), "login": login, "name": None})
        if url.path == "/api/v3/user/emails":
            return self.reply(200, [{"email": "old@example.com", "primary": False, "verified": False},
                                    {"email": email, "primary": True, "verified": verified == "true"}])
        self.reply(404, {"message": "Not Found"})

    def do_POST(self):
        if urlparse(self.path).path != "/login/oauth/access_token":
            return self.reply(404, {"message": "Not Found"})
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()).items()}
        if form.get("client_id") != client_id or form.get("client_secret") != client_secret:
            return self.reply(200, {"error": "incorrect_client_credentials"})
        challenge, redirect_uri = codes.pop(form.get("code", ""), (None, None))
        verifier = form.get("code_verifier", "")
        computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge is None or redirect_uri != form.get("redirect_uri") or computed != challenge:
            return self.reply(200, {"error": "bad_verification_code"})
        token = "gho_" + secrets.token_hex(16)
        tokens.add(token)
        self.reply(200, {"access_token": token, "token_type": "bearer", "scope": "read:user,user:email"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
print(f"READY {server.server_port}", flush=True)
try:
    while sys.stdin.buffer.read(65536):
        pass
finally:
    server.shutdown()
