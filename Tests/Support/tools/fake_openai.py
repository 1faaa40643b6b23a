#!/usr/bin/env python3
"""A scripted OpenAI-compatible provider on 127.0.0.1 and a free port, for the AI gateway's tests and benchmark.

Prints "READY <port>" and serves until stdin closes.
Usage: fake_openai.py [--api-key KEY] [--token-delay-ms MS] [--tokens N]

  POST /v1/chat/completions   answers from the script queue, else a default reply ("fake answer" or N tokens)
  POST /v1/embeddings         deterministic 8-dimension vectors
  POST /_script               JSON list of behaviours to queue, each one of:
                              {"reply": "text", "usage": true, "delay_ms": 0, "chunk": 4}
                              {"reply": "text", "token_per_byte": true}  (reports one prompt token per UTF-8 byte)
                              {"status": 429 | 500 | 503, "retry_after": 1}
                              {"reply": "text", "break_after": 2}   (a stream cut after 2 chunks, no [DONE])
                              {"hang_ms": 2000}                      (answer nothing for that long first)
  GET  /_requests             every request body received (JSON list), for assertions
  POST /_reset                empties the queue and the request log
"""
import json, sys, threading, time, hashlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = sys.argv[1:]
def option(name, default):
    return args[args.index(name) + 1] if name in args else default
API_KEY = option("--api-key", None)
TOKEN_DELAY = float(option("--token-delay-ms", "0")) / 1000
DEFAULT_TOKENS = int(option("--tokens", "0"))

lock = threading.Lock()
queue, received = [], []

def next_behaviour():
    with lock:
        return queue.pop(0) if queue else {}

def default_reply():
    return " ".join(["tok"] * DEFAULT_TOKENS) if DEFAULT_TOKENS else "fake answer"

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # each SSE chunk leaves at once (no 40 ms delayed-ACK stalls)

    def log_message(self, *a):
        pass

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        if self.path == "/_requests":
            with lock:
                self.send_json(200, list(received))
        else:
            self.send_json(404, {"error": {"message": "not found"}})

    def do_POST(self):
        raw = self.read_body()
        if self.path == "/_script":
            with lock:
                queue.extend(json.loads(raw))
            return self.send_json(200, {"queued": len(queue)})
        if self.path == "/_reset":
            with lock:
                queue.clear(); received.clear()
            return self.send_json(200, {})
        if API_KEY and self.headers.get("Authorization") != f"Bearer {API_KEY}":
            return self.send_json(401, {"error": {"message": "invalid api key"}})
        body = json.loads(raw or b"{}")
        with lock:
            received.append({"path": self.path, "body": body})
        behaviour = next_behaviour()
        if behaviour.get("hang_ms"):
            time.sleep(behaviour["hang_ms"] / 1000)
        if "status" in behaviour:
            headers = {"Retry-After": str(behaviour["retry_after"])} if "retry_after" in behaviour else {}
            return self.send_json(behaviour["status"], {"error": {"message": f"scripted {behaviour['status']}"}}, headers)
        if self.path == "/v1/embeddings":
            return self.embeddings(body)
        if self.path != "/v1/chat/completions":
            return self.send_json(404, {"error": {"message": "not found"}})
        reply = behaviour.get("reply", default_reply())
        if behaviour.get("token_per_byte"):
            prompt_tokens = sum(len(m.get("content", "").encode()) + 4 for m in body.get("messages", []))
        else:
            prompt_tokens = sum(len(m.get("content", "")) // 4 + 4 for m in body.get("messages", []))
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": max(1, len(reply) // 4), "total_tokens": 0}
        if not body.get("stream"):
            answer = {"id": "chatcmpl-fake", "object": "chat.completion", "model": body.get("model"),
                      "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}]}
            if behaviour.get("usage", True):
                answer["usage"] = usage
            return self.send_json(200, answer)
        self.stream(body, reply, usage, behaviour)

    def stream(self, body, reply, usage, behaviour):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        size = behaviour.get("chunk", 4)
        pieces = [reply[i:i + size] for i in range(0, len(reply), size)] if size else [reply]
        if DEFAULT_TOKENS and "reply" not in behaviour:
            pieces = ["tok "] * DEFAULT_TOKENS
        delay = behaviour.get("delay_ms", TOKEN_DELAY * 1000) / 1000
        def chunk(payload):
            data = f"data: {payload}\n\n".encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        def delta(content, finish=None):
            return json.dumps({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": body.get("model"),
                               "choices": [{"index": 0, "delta": {"content": content} if content is not None else {}, "finish_reason": finish}]})
        try:
            chunk(json.dumps({"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}))
            for n, piece in enumerate(pieces):
                if "break_after" in behaviour and n >= behaviour["break_after"]:
                    self.close_connection = True  # cut mid-stream: no [DONE], no final chunk
                    # Let the client read what was sent first: a close that lands with the last bytes can make
                    # the client's HTTP stack report the error before those bytes, and the test counts them. On a
                    # loaded machine 50 ms was once too short.
                    time.sleep(0.3)
                    self.connection.shutdown(2)
                    return
                if delay:
                    time.sleep(delay)
                chunk(delta(piece))
            chunk(delta(None, "stop"))
            if behaviour.get("usage", True) and (body.get("stream_options") or {}).get("include_usage"):
                chunk(json.dumps({"id": "chatcmpl-fake", "choices": [], "usage": usage}))
            chunk("[DONE]")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # a client that went away mid-request

    def embeddings(self, body):
        inputs = body.get("input", [])
        inputs = [inputs] if isinstance(inputs, str) else inputs
        data = []
        for i, text in enumerate(inputs):
            digest = hashlib.sha256(text.encode()).digest()
            data.append({"object": "embedding", "index": i, "embedding": [b / 255.0 for b in digest[:8]]})
        data.reverse()  # out of order on purpose: clients must sort by index
        self.send_json(200, {"object": "list", "data": data, "model": body.get("model"),
                             "usage": {"prompt_tokens": sum(len(t) // 4 + 1 for t in inputs), "total_tokens": 0}})

class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # listen backlog: hundreds of streams may connect at once

server = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
print(f"READY {server.server_port}", flush=True)
try:
    while sys.stdin.buffer.read(65536):
        pass
finally:
    server.shutdown()
