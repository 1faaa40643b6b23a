"""A real `parley serve` for the test lanes written in Python (scripts/fuzz-api, Tests/Browser).

    server = ParleyServer(parley_binary(), work_folder, {"PARLEY_LOG_LEVEL": "warning"})
    server.run("users", "create-admin", "--email", "a@example.com", stdin="password\\n")   # a CLI command
    server.start()          # serves on 127.0.0.1; server.base, server.setup_link
    server.mailbox.link_to("a@example.com", since)                                 # mail written as files
    server.stop()

Builds nothing: the binary comes from $PARLEY_TEST_BIN_DIR, else from `swift build --show-bin-path` (with
$PARLEY_SCRATCH_PATH). The server gets a fresh data folder inside the work folder (SQLite, mail written as .eml
files to DATA/mail) and none of the caller's PARLEY_ settings, only those passed in.

The public URL has to be the address a client uses: forms are refused unless their Origin is the public URL's
origin, and the setup link and mailed links are built from it. `serve --port 0` picks its port only once the
public URL is fixed, so start() reserves a free loopback port, names it in both, and tries again with another
port should something else take it first.
"""
import email
import email.policy
import glob
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


class ServerError(Exception):
    """The server cannot be built, started or asked what a test needs."""


def parley_binary():
    """The already-built `parley` executable."""
    directory = os.environ.get("PARLEY_TEST_BIN_DIR")
    if not directory:
        scratch = os.environ.get("PARLEY_SCRATCH_PATH")
        command = ["swift", "build", "--show-bin-path"] + (["--scratch-path", scratch] if scratch else [])
        try:
            directory = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError) as error:
            raise ServerError(f"cannot find the build folder ({error}): set PARLEY_TEST_BIN_DIR") from error
    binary = os.path.join(directory, "parley")
    if not os.access(binary, os.X_OK):
        raise ServerError(f"{binary} not found: run `swift build` first")
    return binary


def free_loopback_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """The .eml files the file mail transport writes."""

    def __init__(self, folder):
        self.folder = folder

    def messages_to(self, address, since=0.0):
        """Messages to `address` written at or after `since` (a time.time()), newest first."""
        found = []
        for path in glob.glob(os.path.join(self.folder, "*.eml")):
            modified = os.path.getmtime(path)
            if modified < since:
                continue
            with open(path, "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            if address.lower() in str(message["To"]).lower():
                found.append((modified, path, message))
        return [message for _, _, message in sorted(found, key=lambda entry: (entry[0], entry[1]), reverse=True)]

    def link_to(self, address, since=0.0, pattern=r"https?://\S+", timeout=30):
        """The first link matching `pattern` in the plain text of the newest mail to `address` that has one, waiting
        for the job worker to send it (it polls every second)."""
        deadline = time.time() + timeout
        while True:
            for message in self.messages_to(address, since):
                for part in message.walk():
                    if part.get_content_type() == "text/plain":
                        match = re.search(pattern, part.get_content())
                        if match:
                            return match.group(0)
            if time.time() >= deadline:
                raise ServerError(f"no mail to {address} with a link matching {pattern!r} in {self.folder}")
            time.sleep(0.25)


class ParleyServer:
    """`parley serve` on 127.0.0.1 with a fresh data folder under `work`, and the CLI on the same data."""

    def __init__(self, binary, work, settings=None):
        self.binary, self.work = binary, work
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("PARLEY_")}
        self.env.update({
            "PARLEY_DATA_DIR": os.path.join(work, "data"),
            "PARLEY_PUBLIC_DIR": os.path.join(ROOT, "Public"),
            "PARLEY_MAIL_TRANSPORT": "file",
            "PARLEY_HOST": "127.0.0.1",
        })
        self.env.update(settings or {})
        self.mailbox = Mailbox(os.path.join(self.env["PARLEY_DATA_DIR"], "mail"))
        self.log_path = os.path.join(work, "serve.log")
        self.process = None
        self.base = None
        self.setup_link = None

    def run(self, *arguments, stdin=""):
        """Runs a `parley` command on the same data and settings; its standard output."""
        result = subprocess.run([self.binary, *arguments], env=self.env, cwd=self.work, input=stdin, capture_output=True, text=True)
        if result.returncode != 0:
            raise ServerError(f"parley {' '.join(arguments)} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result.stdout

    def start(self, attempts=3):
        """Serves and reads the welcome: the address (`base`) and, while no account exists, `setup_link`."""
        self.log = open(self.log_path, "a")
        for _ in range(attempts):
            port = free_loopback_port()
            env = dict(self.env, PARLEY_PUBLIC_URL=f"http://127.0.0.1:{port}")
            self.process = subprocess.Popen([self.binary, "serve", "--port", str(port)], env=env, cwd=self.work,
                                            stdout=subprocess.PIPE, stderr=self.log, text=True)
            if self._read_welcome():
                self.env = env
                # Keep draining stdout so the server never blocks on a full pipe.
                threading.Thread(target=shutil.copyfileobj, args=(self.process.stdout, self.log), daemon=True).start()
                return
            self.stop()
        raise ServerError(f"parley serve did not start; see {self.log_path}")

    def _read_welcome(self, timeout=60):
        deadline = time.time() + timeout
        self.base = self.setup_link = None
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                return False
            self.log.write(line)
            listening = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
            if listening:
                self.base = listening.group(1)
            setup = re.search(r"(http://\S+/setup#token=[0-9a-f]+)", line)
            if setup:
                self.setup_link = setup.group(1)
            if line.startswith("Stop with"):
                return self.base is not None
        return False

    def alive(self):
        """None while the process runs and /healthz answers 200, else what is wrong."""
        if self.process.poll() is not None:
            return f"the server exited with status {self.process.returncode}"
        try:
            status = urllib.request.urlopen(self.base + "/healthz", timeout=10).status
        except (urllib.error.URLError, OSError) as error:
            return f"/healthz did not answer: {error}"
        return None if status == 200 else f"/healthz answered {status}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
