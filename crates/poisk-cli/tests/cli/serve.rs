//! `poisk serve`, run as a user runs it: the real binary on a free port of
//! 127.0.0.1, talked to over TCP (`api.rs`), attacked (`hostile.rs`) and
//! driven in Chromium through WebDriver (`browser.rs`). Every server runs
//! under a memory limit and is stopped at the end of its test.

mod api;
mod browser;
mod hostile;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::util::Dir;

/// The address space a server may take: serving a small index takes well
/// under a gigabyte of it (most of it thread stacks and allocator arenas,
/// reserved, not used).
const MEMORY_KB: u64 = 2 * 1024 * 1024;

/// How long a server has to say where it listens, and a reply to arrive.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `poisk serve`.
pub struct Server {
    child: Option<Child>,
    /// `127.0.0.1:PORT`.
    pub address: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `poisk serve --listen 127.0.0.1:0 ARGS...` (ARGS may name
    /// another `--listen`) in `dir` and waits until it listens.
    pub fn start(dir: &Dir, args: &[&str]) -> Server {
        Server::start_with_env(dir, args, &[])
    }

    pub fn start_with_env(dir: &Dir, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("ulimit -v \"$0\" && exec \"$@\"")
            .arg(MEMORY_KB.to_string())
            .arg(env!("CARGO_BIN_EXE_poisk"))
            .arg("serve")
            .args(if args.contains(&"--listen") { &[][..] } else { &["--listen", "127.0.0.1:0"][..] })
            .args(args)
            .current_dir(dir.path())
            .env_remove("POISK_INDEX")
            .env_remove("POISK_API_KEY")
            .env_remove("POISK_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start poisk serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (found, address) = mpsc::channel();
        let pipe = child.stderr.take().expect("stderr");
        let collected = stderr.clone();
        thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let _ = found.send(rest.split('/').next().unwrap_or_default().to_owned());
                }
                let mut text = collected.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let mut server = Server { child: Some(child), address: String::new(), stderr };
        match address.recv_timeout(PATIENCE) {
            Ok(address) => server.address = address,
            Err(_) => panic!("poisk serve did not start: {}", server.stderr()),
        }
        server
    }

    /// What the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// `GET PATH` (PATH sent as it is, percent-encoded by the caller).
    pub fn get(&self, path: &str) -> Reply {
        self.send(format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address).as_bytes())
    }

    /// `POST PATH` with `body` and extra header lines (`Name: value`).
    pub fn post(&self, path: &str, headers: &[&str], body: &[u8]) -> Reply {
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        if !headers.iter().any(|h| h.to_ascii_lowercase().starts_with("content-type:")) {
            request.push_str("Content-Type: application/x-ndjson\r\n");
        }
        for header in headers {
            request.push_str(header);
            request.push_str("\r\n");
        }
        request.push_str("\r\n");
        let mut bytes = request.into_bytes();
        bytes.extend_from_slice(body);
        self.send(&bytes)
    }

    /// Sends the bytes of a whole request and reads the reply. The server
    /// may answer and close before it has read all of them (a body over
    /// the limit): then the reply is read all the same.
    pub fn send(&self, request: &[u8]) -> Reply {
        let mut stream = self.connect();
        if let Err(e) = stream.write_all(request) {
            let closed = [std::io::ErrorKind::BrokenPipe, std::io::ErrorKind::ConnectionReset];
            assert!(closed.contains(&e.kind()), "send the request: {e}");
        }
        Reply::read(&mut stream)
    }

    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.address).expect("connect to the server");
        stream.set_read_timeout(Some(PATIENCE)).expect("read timeout");
        stream
    }

    /// The search endpoint's JSON for `query` and more parameters
    /// (`&limit=1`), asserting status 200.
    pub fn search(&self, query: &str, more: &str) -> serde_json::Value {
        let reply = self.get(&format!("/search?q={}{more}", encode(query)));
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }

    /// Stops the server with SIGTERM, as a service manager does, and waits
    /// for it; returns how it ended and what it printed.
    pub fn stop(self) -> (ExitStatus, String) {
        terminate(self.child.as_ref().expect("a running server"));
        self.wait()
    }

    /// Waits for a server that was told to stop.
    pub fn wait(mut self) -> (ExitStatus, String) {
        let mut child = self.child.take().expect("a running server");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the server") {
                break status;
            }
            if started.elapsed() > PATIENCE {
                let _ = child.kill();
                panic!("the server did not stop on SIGTERM: {}", self.stderr());
            }
            thread::sleep(Duration::from_millis(20));
        };
        // The reader thread sees the pipe close.
        thread::sleep(Duration::from_millis(50));
        (status, self.stderr())
    }

    /// Sends SIGTERM and returns at once.
    pub fn signal_stop(&self) {
        terminate(self.child.as_ref().expect("a running server"));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Sends SIGTERM to the child.
fn terminate(child: &Child) {
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("run kill");
    assert!(status.success(), "kill -TERM failed");
}

/// A reply: status, headers (names lowercase) and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// Reads a whole reply from a connection the server closes after it.
    pub fn read(stream: &mut TcpStream) -> Reply {
        let mut bytes = Vec::new();
        if let Err(e) = stream.read_to_end(&mut bytes) {
            assert!(!bytes.is_empty(), "no reply: {e}");
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no reply head in {text:?}"));
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or_default();
        let status =
            status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("{status_line}"));
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked { dechunk(body) } else { body.to_owned() };
        Reply { status, headers, body }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The `error` of a JSON error reply with this status.
    pub fn error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), Some("application/json"), "{:?}", self.headers);
        self.json()["error"].as_str().expect("an error message").to_owned()
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 {
            break;
        }
        out.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
    out
}

/// Percent-encodes a query-string value.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The JSON of a search with `took_ms` taken out, to compare answers of
/// the CLI and the server.
pub fn without_timing(mut json: serde_json::Value) -> serde_json::Value {
    json.as_object_mut().expect("an object").remove("took_ms");
    json
}
