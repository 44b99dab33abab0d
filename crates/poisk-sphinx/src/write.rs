//! Writing to the shards: each article with its quotes goes to the shard
//! of its id, as `REPLACE`, in batches; the word forms of its title and
//! body go to the vocabulary table, each form to the shard of the form.

use std::collections::{HashMap, HashSet};

use mysql::Row;
use poisk::{Article, Result};

use crate::client::{Client, Node};
use crate::document::{Rows, replace_head, row_id, rows, shard_of};
use crate::schema::{ARTICLE_ID, KIND, PATH, QUOTES, TABLE, VOCABULARY};
use crate::vocabulary;

/// How many bytes of rows one `REPLACE` holds at most (an article larger
/// than this goes alone): well below the 8 MB packet a Sphinx node takes
/// unless configured otherwise. On the seed and 600 corpus articles, 1 MB
/// statements indexed at 1.5 MB/s of text where 4 MB ones did 1.2.
const BATCH_BYTES: usize = 1_000_000;
/// Rows read per page when scanning a shard (`--prune`).
const PAGE: usize = 1000;
/// The most word forms a writer remembers having sent, so that a form is
/// sent once per run rather than once per article that has it: 2 M row
/// ids, some 40 MB. Past it the writer forgets them all and a form is sent
/// again, which replaces its row with the same one.
const MAX_SENT_FORMS: usize = 1 << 21;

/// An article waiting for its shard's next batch.
struct Waiting {
    /// The row ids of its quotes, to delete those of an older version
    /// that it no longer has.
    quotes: usize,
    rows: Vec<String>,
    bytes: usize,
}

/// One shard's connection and its batches.
struct Shard {
    client: Client,
    /// Waiting articles by row id; a later version replaces an earlier one.
    waiting: HashMap<u64, Waiting>,
    bytes: usize,
    /// The vocabulary's rows waiting: word forms whose shard this is.
    forms: Vec<String>,
    form_bytes: usize,
}

/// Writes articles and their quotes to the shards of a cluster
/// (`sphinxql://HOST:PORT,…`, in the order of [`crate::Layout::index_url`]):
/// an article goes to shard `hash(id) mod N` with its quotes, replacing
/// the version of the same id there, so indexing the same input twice
/// leaves the same rows.
///
/// Nothing is searchable before [`ClusterWriter::commit`] (or a batch
/// filling up); each batch is durable once sent (the nodes' binlogs).
///
/// Each word form of the articles' titles and bodies is written to the
/// vocabulary table for typo correction ([`crate::vocabulary`]), on shard
/// `hash(form) mod N`, once per run. Deleting articles leaves their forms
/// there: a form no article holds any more is never a correction (it is in
/// no document), and `--rebuild` ([`ClusterWriter::clear`]) empties the
/// vocabulary too.
pub struct ClusterWriter {
    shards: Vec<Shard>,
    /// The row ids of the forms sent by this writer (up to
    /// [`MAX_SENT_FORMS`]).
    sent_forms: HashSet<u64>,
}

impl ClusterWriter {
    /// Connects to every shard.
    ///
    /// # Errors
    /// When a shard cannot be reached.
    pub fn connect(nodes: &[Node]) -> Result<ClusterWriter> {
        let shards = nodes
            .iter()
            .map(|node| {
                let client = Client::connect(node)?;
                Ok(Shard { client, waiting: HashMap::new(), bytes: 0, forms: Vec::new(), form_bytes: 0 })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ClusterWriter { shards, sent_forms: HashSet::new() })
    }

    /// Deletes every article, quote and word form on every shard.
    ///
    /// # Errors
    /// When a shard fails.
    pub fn clear(&mut self) -> Result<()> {
        self.sent_forms.clear();
        for shard in &mut self.shards {
            shard.waiting.clear();
            shard.bytes = 0;
            shard.forms.clear();
            shard.form_bytes = 0;
            for table in [TABLE, VOCABULARY] {
                shard.client.execute(&format!("TRUNCATE RTINDEX {table}"))?;
            }
        }
        Ok(())
    }

    /// Adds an article read from `origin` with its quotes, terms and names
    /// (replacing an article of the same id); returns how many quotations
    /// it has, as the local index's writer does.
    ///
    /// # Errors
    /// When its shard fails taking a full batch.
    pub fn add(&mut self, article: &Article, origin: Option<&str>) -> Result<usize> {
        let quotes = poisk::quotes::extract_spans(&article.body);
        let quotations = quotes.iter().filter(|q| q.kind == poisk::quotes::QuoteKind::Quote).count();
        let Rows { rows, forms } = rows(article, origin, &quotes);
        let bytes = rows.iter().map(String::len).sum::<usize>();
        let shard_count = self.shards.len();
        let shard = &mut self.shards[shard_of(&article.id, shard_count)];
        if let Some(old) = shard.waiting.insert(row_id(&article.id), Waiting { quotes: quotes.len(), rows, bytes }) {
            shard.bytes -= old.bytes;
        }
        shard.bytes += bytes;
        if shard.bytes >= BATCH_BYTES {
            shard.send()?;
        }
        self.add_forms(forms)?;
        Ok(quotations)
    }

    /// Queues the vocabulary rows of `forms` not sent yet, each on the
    /// shard of the form.
    fn add_forms(&mut self, forms: HashSet<String>) -> Result<()> {
        if self.sent_forms.len() + forms.len() > MAX_SENT_FORMS {
            self.sent_forms.clear();
        }
        let shard_count = self.shards.len();
        for form in forms {
            if !self.sent_forms.insert(row_id(&form)) {
                continue;
            }
            let shard = &mut self.shards[shard_of(&form, shard_count)];
            let row = vocabulary::row(&form);
            shard.form_bytes += row.len();
            shard.forms.push(row);
            if shard.form_bytes >= BATCH_BYTES {
                shard.send_forms()?;
            }
        }
        Ok(())
    }

    /// Sends every waiting article.
    ///
    /// # Errors
    /// When a shard fails.
    pub fn commit(&mut self) -> Result<()> {
        for shard in &mut self.shards {
            shard.send()?;
        }
        Ok(())
    }

    /// Deletes every article (with its quotes) for which `keep(id, path)`
    /// is false, as [`poisk::Writer::retain`] does; returns how many.
    ///
    /// # Errors
    /// When a shard fails.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, Option<&str>) -> bool) -> Result<usize> {
        self.commit()?;
        let mut deleted = 0;
        for shard in &mut self.shards {
            let mut doomed: Vec<(u64, usize)> = Vec::new();
            let mut last: u64 = 0;
            loop {
                let rows = shard.client.rows(&format!(
                    "SELECT id, {ARTICLE_ID}, {PATH}, {QUOTES} FROM {TABLE} WHERE {KIND} = 0 AND id > {last} \
                     ORDER BY id ASC LIMIT {PAGE} OPTION max_matches = {PAGE}"
                ))?;
                for row in &rows {
                    let (id, article_id, path, quotes): (u64, String, String, usize) = read4(shard.client.node(), row)?;
                    last = id;
                    if !keep(&article_id, (!path.is_empty()).then_some(path.as_str())) {
                        doomed.push((id, quotes));
                    }
                }
                if rows.len() < PAGE {
                    break;
                }
            }
            deleted += doomed.len();
            let ids: Vec<u64> = doomed.iter().map(|&(id, _)| id).collect();
            for chunk in ids.chunks(PAGE) {
                // The quotes go by their article's row id.
                let list = chunk.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
                shard.client.execute(&format!("DELETE FROM {TABLE} WHERE id IN ({list})"))?;
                delete_quotes_of(&mut shard.client, chunk)?;
            }
        }
        Ok(deleted)
    }

    /// Sends what is waiting and makes the shards write their memory to
    /// disk.
    ///
    /// # Errors
    /// When a shard fails.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        for shard in &mut self.shards {
            for table in [TABLE, VOCABULARY] {
                shard.client.execute(&format!("FLUSH RTINDEX {table}"))?;
            }
        }
        Ok(())
    }
}

/// Sends `rows` after `head` (a `REPLACE … VALUES`), in statements of up
/// to [`BATCH_BYTES`] (a row larger than that goes alone).
fn replace(client: &mut Client, head: &str, rows: impl IntoIterator<Item = String>) -> Result<()> {
    let mut statement = head.to_owned();
    let mut rows_in = 0;
    for row in rows {
        if rows_in > 0 && statement.len() + row.len() > BATCH_BYTES {
            client.execute(&statement)?;
            statement.truncate(head.len());
            rows_in = 0;
        }
        if rows_in > 0 {
            statement.push_str(", ");
        }
        statement.push_str(&row);
        rows_in += 1;
    }
    if rows_in > 0 {
        client.execute(&statement)?;
    }
    Ok(())
}

/// Reads `(u64, String, String, usize)` from a row.
fn read4(node: &Node, row: &Row) -> Result<(u64, String, String, usize)> {
    let bad = || crate::client::error(node, "an answer of an unexpected shape");
    let id: u64 = row.get_opt(0).and_then(|v| v.ok()).ok_or_else(bad)?;
    let article_id: String = row.get_opt(1).and_then(|v| v.ok()).ok_or_else(bad)?;
    let path: String = row.get_opt(2).and_then(|v| v.ok()).ok_or_else(bad)?;
    let quotes: usize = row.get_opt(3).and_then(|v| v.ok()).ok_or_else(bad)?;
    Ok((id, article_id, path, quotes))
}

/// Deletes the quotes of the articles whose row ids are `articles`.
fn delete_quotes_of(client: &mut Client, articles: &[u64]) -> Result<()> {
    let list = articles.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    loop {
        let rows = client.rows(&format!(
            "SELECT id FROM {TABLE} WHERE {} IN ({list}) AND {KIND} > 0 LIMIT {PAGE} OPTION max_matches = {PAGE}",
            crate::schema::ARTICLE_KEY
        ))?;
        let ids: Vec<u64> = rows.iter().filter_map(|r| r.get_opt(0).and_then(|v| v.ok())).collect();
        if ids.is_empty() {
            return Ok(());
        }
        let ids = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        client.execute(&format!("DELETE FROM {TABLE} WHERE id IN ({ids})"))?;
    }
}

impl Shard {
    /// Sends the waiting articles: the quotes their older versions had
    /// beyond their own are deleted, then every row is replaced; then the
    /// waiting word forms.
    fn send(&mut self) -> Result<()> {
        if !self.waiting.is_empty() {
            let waiting: Vec<(u64, Waiting)> = self.waiting.drain().collect();
            self.bytes = 0;
            self.drop_stale_quotes(&waiting)?;
            let rows = waiting.into_iter().flat_map(|(_, article)| article.rows);
            replace(&mut self.client, &replace_head(), rows)?;
        }
        self.send_forms()
    }

    /// Sends the waiting word forms to the vocabulary table.
    fn send_forms(&mut self) -> Result<()> {
        let forms = std::mem::take(&mut self.forms);
        self.form_bytes = 0;
        replace(&mut self.client, &vocabulary::replace_head(), forms)
    }

    /// Deletes the quotes that the indexed versions of `waiting` articles
    /// have past the new versions' counts.
    fn drop_stale_quotes(&mut self, waiting: &[(u64, Waiting)]) -> Result<()> {
        let new_counts: HashMap<u64, usize> = waiting.iter().map(|(id, w)| (*id, w.quotes)).collect();
        for chunk in waiting.chunks(PAGE) {
            let list = chunk.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>().join(",");
            let rows = self.client.rows(&format!(
                "SELECT id, {ARTICLE_ID}, {QUOTES} FROM {TABLE} WHERE id IN ({list}) LIMIT {PAGE} OPTION max_matches = {PAGE}"
            ))?;
            let mut stale: Vec<u64> = Vec::new();
            for row in rows {
                let id: Option<u64> = row.get_opt(0).and_then(|v| v.ok());
                let article_id: Option<String> = row.get_opt(1).and_then(|v| v.ok());
                let old: Option<usize> = row.get_opt(2).and_then(|v| v.ok());
                if let (Some(id), Some(article_id), Some(old)) = (id, article_id, old) {
                    let new = new_counts.get(&id).copied().unwrap_or(0);
                    stale.extend((new..old).map(|n| row_id(&poisk::index::quote_id(&article_id, n))));
                }
            }
            for ids in stale.chunks(PAGE) {
                let ids = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
                self.client.execute(&format!("DELETE FROM {TABLE} WHERE id IN ({ids})"))?;
            }
        }
        Ok(())
    }
}
