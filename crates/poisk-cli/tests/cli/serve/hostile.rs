//! What anyone on the network might send (RELIABILITY.md, "Hostile
//! clients"): each gets a clear HTTP error or is served harmlessly, and the
//! server goes on answering others.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::{Server, encode};
use crate::util::{Dir, SEED};

/// An index of the seed article, and a server over it that takes writes
/// with the key `k` and bodies of at most one megabyte.
fn writable() -> (Dir, Server) {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "news"]).code, 0);
    let server = Server::start(&dir, &["--index", "idx", "--api-key", "k", "--max-body", "1"]);
    (dir, server)
}

fn articles(server: &Server) -> u64 {
    server.get("/health").json()["articles"].as_u64().unwrap()
}

#[test]
fn an_oversized_body_is_refused_and_nothing_is_indexed() {
    let (_dir, server) = writable();
    let line = format!("{{\"id\": \"big\", \"title\": \"t\", \"body\": \"{}\"}}\n", "слово ".repeat(200_000));
    assert!(line.len() > 2_000_000);
    // Declared too long: refused before the body is read.
    let error = server.post("/articles", &["Authorization: Bearer k"], line.as_bytes()).error(413);
    assert!(error.contains("larger than"), "{error}");
    // Chunked, with no length declared: cut off at the limit.
    let mut stream = server.connect();
    let head = "POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    stream.write_all(head.as_bytes()).unwrap();
    for chunk in line.as_bytes().chunks(64 * 1024) {
        if stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).is_err()
            || stream.write_all(chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break; // the server stopped reading: it has answered
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let reply = super::Reply::read(&mut stream);
    assert!(reply.error(413).contains("1 MB"), "{}", reply.body);
    assert_eq!(articles(&server), 1, "nothing was indexed");
    // The server goes on.
    assert_eq!(server.search("Пекин", "")["total"], 1);
}

#[test]
fn a_100_kb_query_is_a_query_error_at_the_cap() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    // 100 kB of text: 300 kB percent-encoded, too long for a URL (64 kB
    // at most), so it goes as a form, as a long query may.
    let query = "Пекин ".repeat(9_100);
    assert!(query.len() > 100_000);
    let form = format!("q={}", encode(&query));
    let reply = server.post("/search", &["Content-Type: application/x-www-form-urlencoded"], form.as_bytes());
    let error = reply.error(400);
    assert!(error.starts_with("query error at position 20000:"), "{error}");
    assert_eq!(reply.json()["position"], 20_000);
    let timeline = server.post("/timeline", &["Content-Type: application/x-www-form-urlencoded"], form.as_bytes());
    assert_eq!(timeline.json()["position"], 20_000);
    // In a URL, it is refused before it is read.
    let reply = server.get(&format!("/search?q={}", encode(&query)));
    assert_eq!(reply.status, 414);
    // So is a head larger than the server reads.
    let huge = format!("GET /search HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n", "a".repeat(1_000_000));
    assert_eq!(server.send(huge.as_bytes()).status, 431);
    assert_eq!(server.search("Пекин", "")["total"], 1);
}

#[test]
fn ten_thousand_nested_parentheses_are_a_query_error() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    // 10,000 pairs are longer than a query may be...
    let query = format!("{}Пекин{}", "(".repeat(10_000), ")".repeat(10_000));
    let error = server.get(&format!("/search?q={}", encode(&query))).error(400);
    assert!(error.contains("longer than 20000 characters"), "{error}");
    // ...and 9,990 of them within that length nest too deep.
    let query = format!("{}Пекин{}", "(".repeat(9_990), ")".repeat(9_990));
    for endpoint in ["search", "timeline"] {
        let reply = server.get(&format!("/{endpoint}?q={}", encode(&query)));
        let error = reply.error(400);
        assert!(error.contains("nests deeper than 64 levels"), "{error}");
        assert_eq!(reply.json()["position"], 64);
    }
    // The server is alive and well.
    assert_eq!(server.search("Пекин", "")["total"], 1);
}

#[test]
fn paths_outside_the_page_are_not_found() {
    let dir = Dir::new();
    dir.write("secret.txt", "the password is hunter2");
    let server = Server::start(&dir, &[]);
    for path in [
        "/..%2F..%2F..%2Fetc%2Fpasswd",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2e%2e/%2e%2e/src/main.rs",
        "/assets/../secret.txt",
        "/../secret.txt",
        "/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/app.js%00.txt",
        "/assets//etc/passwd",
        "/assets/%5c..%5c..%5csecret.txt",
    ] {
        let reply = server.get(path);
        assert!(reply.status == 404 || reply.status == 400, "{path}: {} {}", reply.status, reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"), "{path}");
        for secret in ["hunter2", "root:", "[package]", "fn main"] {
            assert!(!reply.body.contains(secret), "{path} leaked {secret}: {}", reply.body);
        }
    }
    // The page's own files are there, with a policy that forbids inline script.
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<script src=\"/assets/app.js\" defer></script>"));
    let policy = page.header("content-security-policy").expect("a CSP");
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(server.get("/assets/app.js").header("content-type"), Some("text/javascript; charset=utf-8"));
}

#[test]
fn an_article_of_markup_is_served_as_json_text() {
    let (_dir, server) = writable();
    let article = r#"{"id": "x<1>", "title": "<script>alert('title')</script> Пекин", "body": "<img src=x onerror=alert('body')> Пекин и «<b>жирный</b>», — сказал Иван Петров."}"#;
    let reply = server.post("/articles", &["Authorization: Bearer k"], article.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = server.search("Пекин", "&quotes=false");
    let hit = results["hits"].as_array().unwrap().iter().find(|h| h["id"] == "x<1>").expect("the article");
    assert_eq!(hit["title"], "<script>alert('title')</script> Пекин");
    let reply = server.get(&format!("/articles/{}", encode("x<1>")));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(reply.json()["body"].as_str().unwrap().starts_with("<img src=x onerror"));
    // The page never writes data as HTML (the browser test shows it as text).
    let script = server.get("/assets/app.js").body;
    assert!(!script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML"));
}

#[test]
fn five_hundred_silent_connections_neither_block_others_nor_stay() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--idle-timeout", "1"]);
    let silent: Vec<TcpStream> = (0..500).map(|_| server.connect()).collect();
    // Others are answered while they hang on.
    let started = Instant::now();
    assert_eq!(server.get("/health").json()["status"], "ok");
    assert_eq!(server.search("Пекин", "")["total"], 1);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    // And each is closed by the server once its idle time is up.
    for mut stream in silent {
        let mut buffer = [0u8; 256];
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        match stream.read(&mut buffer) {
            Ok(n) => {
                assert!(n == 0 || buffer.starts_with(b"HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&buffer[..n]))
            }
            Err(e) => assert!(e.kind() == std::io::ErrorKind::ConnectionReset, "{e}"),
        }
    }
    // A client that sends its head a byte at a time is cut off too.
    let mut slow = server.connect();
    let mut cut = false;
    for byte in b"GET /health HTTP/1.1\r\nHost: x\r\n" {
        if slow.write_all(&[*byte]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    assert!(cut || rest.is_empty() || rest.starts_with(b"HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&rest));
    assert_eq!(server.get("/health").status, 200);
    let (status, stderr) = server.stop();
    assert!(status.success(), "{stderr}");
}
