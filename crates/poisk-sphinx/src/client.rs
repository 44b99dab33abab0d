//! Connections to the nodes: `sphinxql://HOST:PORT[,HOST:PORT…]`
//! addresses, connecting, running statements, and their errors as poisk's.

use std::fmt;
use std::time::Duration;

use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Row};

/// How long connecting to a node may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one statement may take to answer.
const IO_TIMEOUT: Duration = Duration::from_secs(120);

/// The prefix of a cluster's address.
pub const SCHEME: &str = "sphinxql://";

/// A node's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Host name or address.
    pub host: String,
    /// SphinxQL port.
    pub port: u16,
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// The nodes of `sphinxql://HOST:PORT[,HOST:PORT…]`, in order.
///
/// ```
/// let nodes = poisk_sphinx::parse_url("sphinxql://127.0.0.1:9308,db2:9310")?;
/// assert_eq!(nodes[1].to_string(), "db2:9310");
/// assert!(poisk_sphinx::parse_url("mysql://x:1").is_err());
/// # Ok::<(), String>(())
/// ```
///
/// # Errors
/// A message naming what is wrong: another scheme, no node, a node
/// without a port or with a bad one, or one named twice.
pub fn parse_url(url: &str) -> Result<Vec<Node>, String> {
    let Some(rest) = url.strip_prefix(SCHEME) else {
        return Err(format!(
            "{url:?} is not an engine address: it must begin with {SCHEME} (sphinxql://HOST:PORT[,HOST:PORT…])"
        ));
    };
    let mut nodes: Vec<Node> = Vec::new();
    for part in rest.split(',') {
        let part = part.trim();
        let Some((host, port)) = part.rsplit_once(':') else {
            return Err(format!("{part:?} in {url:?} has no port: write HOST:PORT"));
        };
        let port: u16 =
            port.parse().ok().filter(|&p| p > 0).ok_or_else(|| format!("{port:?} in {url:?} is not a port"))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(format!("{part:?} in {url:?} has no host name"));
        }
        let node = Node { host: host.to_owned(), port };
        if nodes.contains(&node) {
            return Err(format!("{node} is named twice in {url:?}"));
        }
        nodes.push(node);
    }
    Ok(nodes)
}

/// A failure of a node, as poisk's [`poisk::Error::Engine`].
#[derive(Debug)]
pub struct NodeError {
    /// The node.
    pub node: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sphinxql node {}: {}", self.node, self.message)
    }
}

impl std::error::Error for NodeError {}

/// `message` about `node` as a poisk error.
pub(crate) fn error(node: &Node, message: impl fmt::Display) -> poisk::Error {
    poisk::Error::Engine { source: Box::new(NodeError { node: node.to_string(), message: message.to_string() }) }
}

/// One connection to one node.
pub(crate) struct Client {
    node: Node,
    conn: Conn,
}

impl Client {
    /// Connects to `node`.
    pub(crate) fn connect(node: &Node) -> poisk::Result<Client> {
        let opts = OptsBuilder::new()
            .ip_or_hostname(Some(node.host.clone()))
            .tcp_port(node.port)
            // Sphinx has no `@@socket` nor `@@max_allowed_packet` to ask.
            .prefer_socket(false)
            .max_allowed_packet(Some(128 * 1024 * 1024))
            .tcp_connect_timeout(Some(CONNECT_TIMEOUT))
            .read_timeout(Some(IO_TIMEOUT))
            .write_timeout(Some(IO_TIMEOUT))
            .stmt_cache_size(0);
        let conn = Conn::new(opts).map_err(|e| error(node, format!("cannot connect: {e}")))?;
        Ok(Client { node: node.clone(), conn })
    }

    /// The node this client talks to.
    pub(crate) fn node(&self) -> &Node {
        &self.node
    }

    /// Runs a statement that answers no rows.
    pub(crate) fn execute(&mut self, statement: &str) -> poisk::Result<()> {
        self.conn.query_drop(statement).map_err(|e| self.fail(statement, e))
    }

    /// Runs a query and takes its rows.
    pub(crate) fn rows(&mut self, query: &str) -> poisk::Result<Vec<Row>> {
        self.conn.query(query).map_err(|e| self.fail(query, e))
    }

    /// Runs several statements separated by `;` in one round trip, and
    /// takes the rows of each, in order.
    pub(crate) fn sets(&mut self, statements: &str) -> poisk::Result<Vec<Vec<Row>>> {
        let node = &self.node;
        let fail = |e: mysql::Error| {
            let start: String = statements.chars().take(80).collect();
            error(node, format!("{e} (in a batch of statements: {start}…)"))
        };
        let mut sets = Vec::new();
        let mut result = self.conn.query_iter(statements).map_err(fail)?;
        while let Some(set) = result.iter() {
            sets.push(set.collect::<std::result::Result<Vec<Row>, _>>().map_err(fail)?);
        }
        Ok(sets)
    }

    /// `SHOW META` after a query: its variables by name.
    pub(crate) fn meta(&mut self) -> poisk::Result<Vec<(String, String)>> {
        let rows = self.rows("SHOW META")?;
        Ok(rows
            .into_iter()
            .filter_map(|row| row.get_opt::<String, _>(0)?.ok().zip(row.get_opt::<String, _>(1)?.ok()))
            .collect())
    }

    fn fail(&self, statement: &str, e: mysql::Error) -> poisk::Error {
        // Statements may hold whole articles: name the beginning only.
        let start: String = statement.chars().take(80).collect();
        let more = if start.len() < statement.len() { "…" } else { "" };
        error(&self.node, format!("{e} (in {start}{more})"))
    }
}
