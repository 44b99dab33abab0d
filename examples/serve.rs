//! A minimal HTTP JSON endpoint over a `Searcher`.
//!
//! ```text
//! cargo run -p poisk-examples --example serve -- [--index DIR] [--port 8080] [--max-requests N]
//! curl 'http://127.0.0.1:8080/search?q=Курской+области&limit=3'
//! ```
//!
//! `GET /search?q=QUERY&limit=N` answers with `SearchResults` as JSON (the
//! library's own serde types). A malformed query, a missing `q` or a bad
//! `limit` is status 400 with `{"error": …}` (and `"position"` for a query
//! error); other paths are 404. The server listens on 127.0.0.1 only;
//! `--port 0` takes a free port. It prints `listening on http://ADDRESS`
//! when ready, and with `--max-requests N` exits after N requests, so a
//! script can run it. Without `--index` it serves the seed article.
//!
//! Requests are answered by a few worker threads that share one
//! `Searcher`: it is `Send + Sync`, and every search sees the latest commit.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use poisk::{Error, Index, SearchRequest, Searcher};
use serde_json::json;
use tiny_http::{Header, Method, Request, Response, Server};

/// Worker threads answering requests.
const WORKERS: usize = 4;
/// The most hits one request may ask for.
const MAX_LIMIT: usize = 100;

struct Options {
    index: Option<PathBuf>,
    port: u16,
    max_requests: Option<usize>,
}

fn main() -> Result<()> {
    let options = options()?;
    let index = match &options.index {
        Some(dir) => Index::open(dir)?,
        None => poisk::seed_index()?,
    };
    let searcher = index.searcher()?;

    let server = Server::http(("127.0.0.1", options.port)).map_err(|e| anyhow!("cannot listen: {e}"))?;
    let address = server.server_addr().to_ip().context("not listening on an IP address")?;
    println!("listening on http://{address}");
    std::io::stdout().flush()?;

    // Each worker takes the next request; the request count decides who stops.
    let taken = AtomicUsize::new(0);
    let limit = options.max_requests.unwrap_or(usize::MAX);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(limit) {
            scope.spawn(|| {
                while taken.fetch_add(1, Ordering::SeqCst) < limit {
                    let Ok(request) = server.recv() else { break };
                    if let Err(e) = answer(&searcher, request) {
                        eprintln!("serve: cannot answer: {e}");
                    }
                }
            });
        }
    });
    Ok(())
}

fn options() -> Result<Options> {
    let mut options = Options { index: None, port: 8080, max_requests: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--index" => options.index = Some(value()?.into()),
            "--port" => options.port = value()?.parse().context("--port takes a number")?,
            "--max-requests" => options.max_requests = Some(value()?.parse().context("--max-requests takes a number")?),
            other => bail!("unknown argument {other}; usage: serve [--index DIR] [--port N] [--max-requests N]"),
        }
    }
    Ok(options)
}

/// Answers one request with a JSON body.
fn answer(searcher: &Searcher, request: Request) -> std::io::Result<()> {
    let (status, body) = match route(searcher, &request) {
        Ok(body) => (200, body),
        Err((status, error)) => (status, error.to_string()),
    };
    let mut response = Response::from_string(body).with_status_code(status);
    if let Ok(header) = Header::from_bytes(&b"Content-Type"[..], &b"application/json; charset=utf-8"[..]) {
        response = response.with_header(header);
    }
    request.respond(response)
}

/// The JSON of a request, or a status and the JSON of the error.
///
/// Results are serialised straight from `SearchResults`, so their fields
/// keep the order the library declares them in.
fn route(searcher: &Searcher, request: &Request) -> Result<String, (u16, serde_json::Value)> {
    let (path, query) = request.url().split_once('?').unwrap_or((request.url(), ""));
    if path != "/search" {
        return Err((404, json!({ "error": format!("no such path {path}; try /search?q=…") })));
    }
    if request.method() != &Method::Get {
        return Err((405, json!({ "error": "only GET is served" })));
    }
    let bad = |message: String| (400, json!({ "error": message }));
    let (mut q, mut limit) = (None, 10);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "q" => q = Some(value.into_owned()),
            "limit" => match value.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => limit = n,
                _ => return Err(bad(format!("limit must be a number from 1 to {MAX_LIMIT}, not {value:?}"))),
            },
            _ => {}
        }
    }
    let q = q.filter(|q| !q.trim().is_empty()).ok_or_else(|| bad("the query parameter q is missing".into()))?;
    match searcher.search(&SearchRequest::new(q).limit(limit)) {
        Ok(results) => serde_json::to_string(&results).map_err(|e| (500, json!({ "error": e.to_string() }))),
        Err(Error::Query { position, message }) => Err((
            400,
            json!({ "error": format!("query error at position {position}: {message}"), "position": position }),
        )),
        // A request past the library's caps (poisk::limits) is the client's.
        Err(Error::Request { message }) => Err(bad(message)),
        Err(e) => Err((500, json!({ "error": e.to_string() }))),
    }
}
