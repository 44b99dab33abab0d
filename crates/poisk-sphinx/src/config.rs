//! `searchd` configurations of a cluster: N shard nodes, each with the
//! real-time tables (articles and quotes; the vocabulary), and one
//! aggregator whose distributed tables fan a query out to the shards and
//! merge their answers.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::schema::{ATTRIBUTES, AttrType, Field, TABLE, TRIGRAMS, VOCABULARY, VOCABULARY_ATTRIBUTES};
use crate::token::CHARSET_TABLE;

/// The most shards [`Layout::new`] lays out.
pub const MAX_SHARDS: usize = 64;

/// Where the nodes of a cluster on one machine listen, and where they keep
/// their files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The directory holding one directory per node.
    pub dir: PathBuf,
    /// The address every node listens on (`127.0.0.1`).
    pub host: String,
    /// The aggregator's SphinxQL port; shard `i` (from 1) takes
    /// `base + 2i` for SphinxQL and `base + 2i + 1` for the aggregator's
    /// connections (Sphinx's own protocol).
    pub base_port: u16,
    /// How many shards.
    pub shards: usize,
}

/// One node's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeConfig {
    /// `shard1`, `shard2`, …, `aggregator`.
    pub name: String,
    /// The node's directory (its data, logs and pid file).
    pub dir: PathBuf,
    /// The `searchd` configuration file's text.
    pub text: String,
    /// Where SphinxQL clients connect.
    pub sql_port: u16,
}

impl NodeConfig {
    /// The configuration file's path: `DIR/NAME/sphinx.conf`.
    pub fn path(&self) -> PathBuf {
        self.dir.join("sphinx.conf")
    }

    /// The pid file `searchd` writes.
    pub fn pid_file(&self) -> PathBuf {
        self.dir.join("searchd.pid")
    }
}

impl Layout {
    /// A layout of `shards` shards under `dir` on `host`, from `base_port`.
    ///
    /// # Errors
    /// When `shards` is 0 or past [`MAX_SHARDS`], or the ports would pass
    /// 65535.
    pub fn new(dir: &Path, host: &str, base_port: u16, shards: usize) -> Result<Layout, String> {
        if shards == 0 || shards > MAX_SHARDS {
            return Err(format!("a cluster has 1 to {MAX_SHARDS} shards, not {shards}"));
        }
        if usize::from(base_port) + 2 * shards + 1 > usize::from(u16::MAX) {
            return Err(format!("ports from {base_port} for {shards} shards pass 65535"));
        }
        Ok(Layout { dir: dir.to_path_buf(), host: host.to_owned(), base_port, shards })
    }

    /// Shard `i`'s (from 1) SphinxQL and agent ports.
    fn shard_ports(&self, i: usize) -> (u16, u16) {
        // `new` checked that the last port fits.
        let sql = self.base_port + 2 * i as u16;
        (sql, sql + 1)
    }

    /// The configurations of the shards, then of the aggregator.
    pub fn nodes(&self) -> Vec<NodeConfig> {
        let mut nodes: Vec<NodeConfig> = (1..=self.shards).map(|i| self.shard(i)).collect();
        nodes.push(self.aggregator());
        nodes
    }

    /// The `--engine` address of the shards, for `poisk index`.
    pub fn index_url(&self) -> String {
        let shards: Vec<String> =
            (1..=self.shards).map(|i| format!("{}:{}", self.host, self.shard_ports(i).0)).collect();
        format!("sphinxql://{}", shards.join(","))
    }

    /// The `--engine` address of the aggregator, for searches.
    pub fn search_url(&self) -> String {
        format!("sphinxql://{}:{}", self.host, self.base_port)
    }

    fn shard(&self, i: usize) -> NodeConfig {
        let name = format!("shard{i}");
        let dir = self.dir.join(&name);
        let (sql, agent) = self.shard_ports(i);
        let mut text = String::new();
        let _ = writeln!(text, "# poisk shard {i} of {}: written by `poisk cluster config`.", self.shards);
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        // poisk's tokens need up to 256 MB of RAM chunk; the vocabulary's
        // words, a few kilobytes each of trigrams, far less.
        text.push_str(&rt_table(&dir, TABLE, &fields, &ATTRIBUTES, "256M"));
        text.push_str(&rt_table(&dir, VOCABULARY, &[TRIGRAMS], &VOCABULARY_ATTRIBUTES, "64M"));
        text.push_str(&searchd(&dir, &[format!("{}:{sql}:mysql41", self.host), format!("{}:{agent}", self.host)]));
        NodeConfig { name, dir, text, sql_port: sql }
    }

    fn aggregator(&self) -> NodeConfig {
        let name = "aggregator".to_owned();
        let dir = self.dir.join(&name);
        let mut text = String::new();
        let _ = writeln!(text, "# poisk aggregator over {} shards: written by `poisk cluster config`.", self.shards);
        for table in [TABLE, VOCABULARY] {
            let _ = writeln!(text, "index {table}\n{{\n    type = distributed");
            for i in 1..=self.shards {
                let _ = writeln!(text, "    agent = {}:{}:{table}", self.host, self.shard_ports(i).1);
            }
            // A shard that does not answer in time is left out of the
            // answer, with a warning that poisk shows (`"partial": true`).
            let _ = writeln!(text, "    agent_connect_timeout = 1000\n    agent_query_timeout = 10000\n}}\n");
        }
        text.push_str(&searchd(&dir, &[format!("{}:{}:mysql41", self.host, self.base_port)]));
        NodeConfig { name, dir, text, sql_port: self.base_port }
    }
}

/// The section of an rt table `table` of a shard in `dir`, with its
/// full-text `fields`, `attributes` and RAM chunk of `memory`.
fn rt_table(dir: &Path, table: &str, fields: &[&str], attributes: &[(&str, AttrType)], memory: &str) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "index {table}\n{{\n    type = rt\n    path = {}", dir.join("data").join(table).display());
    for field in fields {
        let _ = writeln!(text, "    rt_field = {field}");
    }
    for (name, kind) in attributes {
        let _ = writeln!(text, "    rt_attr_{} = {name}", kind.name());
    }
    // poisk analyses: no morphology, no stop words, every token one
    // keyword; prefixes through the keyword dictionary.
    let _ = writeln!(text, "    dict = keywords\n    min_prefix_len = 1\n    charset_table = {CHARSET_TABLE}");
    let _ = writeln!(text, "    rt_mem_limit = {memory}\n}}\n");
    text
}

/// The `searchd` section of a node in `dir` listening on `listen`.
fn searchd(dir: &Path, listen: &[String]) -> String {
    let mut text = String::from("searchd\n{\n");
    for address in listen {
        let _ = writeln!(text, "    listen = {address}");
    }
    let _ = writeln!(text, "    log = {}", dir.join("searchd.log").display());
    let _ = writeln!(text, "    query_log = {}", dir.join("query.log").display());
    let _ = writeln!(text, "    pid_file = {}", dir.join("searchd.pid").display());
    let _ = writeln!(text, "    binlog_path = {}", dir.join("data").display());
    // poisk sends articles of up to 10 MB, with their tokens twice.
    let _ = writeln!(text, "    max_packet_size = 128M");
    let _ = writeln!(text, "    workers = threads");
    // poisk's cap on the words a `prefix*` stands for.
    let _ = writeln!(text, "    expansion_limit = {}", poisk::limits::MAX_EXPANSIONS);
    text.push_str("}\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_and_agents_follow_the_base_port() {
        let layout = Layout::new(Path::new("/tmp/c"), "127.0.0.1", 9306, 2).unwrap();
        let nodes = layout.nodes();
        let names: Vec<(&str, u16)> = nodes.iter().map(|n| (n.name.as_str(), n.sql_port)).collect();
        assert_eq!(names, [("shard1", 9308), ("shard2", 9310), ("aggregator", 9306)]);
        assert!(nodes[0].text.contains("listen = 127.0.0.1:9309\n"));
        assert!(nodes[2].text.contains("agent = 127.0.0.1:9309:poisk\n"));
        assert!(nodes[2].text.contains("agent = 127.0.0.1:9311:poisk\n"));
        assert!(nodes[2].text.contains("agent = 127.0.0.1:9311:vocabulary\n"));
        assert!(nodes[0].text.contains("path = /tmp/c/shard1/data/vocabulary\n"));
        assert!(nodes[0].text.contains("rt_attr_multi_64 = speaker_ids\n"));
        assert!(nodes[1].text.contains("path = /tmp/c/shard2/data/poisk\n"));
        assert_eq!(layout.index_url(), "sphinxql://127.0.0.1:9308,127.0.0.1:9310");
        assert_eq!(layout.search_url(), "sphinxql://127.0.0.1:9306");
        assert!(Layout::new(Path::new("/tmp/c"), "127.0.0.1", 65530, 3).is_err());
        assert!(Layout::new(Path::new("/tmp/c"), "127.0.0.1", 9306, 0).is_err());
    }
}
