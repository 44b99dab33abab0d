//! Stored documents read from tantivy's document store without tantivy's
//! document deserializer.
//!
//! A search with snippets loads its ten article hits whole, about 12 KB of
//! Cyrillic each. tantivy's deserializer checks every stored text with the
//! standard library's UTF-8 validation, about 0.5 GB/s on Cyrillic here,
//! which was an eighth of all the instructions of a search (and reading
//! the text as bytes is no cheaper: tantivy reads bytes one by one). This
//! module takes a document's bytes from the store as they are, notes where
//! each value lies, and checks a text only when it is read, with
//! `simdutf8` (about 10 GB/s).
//!
//! The layout is that of tantivy 0.27's `BinaryDocumentSerializer`
//! (doc store version 2, the one it writes): the number of values as a
//! `VInt`, then for each value its field (`u32`, little-endian), a type
//! code and the value. poisk stores texts, `u64`s, dates and nothing else;
//! any other type code is an error, not a guess. The unit tests read back
//! every stored field of each kind of document poisk writes through an
//! index, so a change of layout in a new tantivy fails them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::directory::OwnedBytes;
use tantivy::error::DataCorruption;
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DateTime, DocAddress, TantivyError};

/// tantivy's type codes (`schema::document::type_codes`) of the values
/// poisk stores.
const TEXT_CODE: u8 = 0;
const U64_CODE: u8 = 1;
const DATE_CODE: u8 = 5;

/// How many decompressed blocks each segment's store keeps, as tantivy's
/// own searcher does (its `DOCSTORE_CACHE_CAPACITY`).
const CACHED_BLOCKS: usize = 100;

/// One stored value: where a text lies in the document's bytes, or a
/// number.
#[derive(Debug, Clone)]
enum Raw {
    Text(Range<usize>),
    U64(u64),
    /// Nanoseconds since 1970-01-01 UTC.
    Date(i64),
}

/// A document as the store holds it: its bytes, and each value's field
/// and place in them.
#[derive(Debug)]
pub(crate) struct StoredDoc {
    bytes: OwnedBytes,
    values: Vec<(Field, Raw)>,
}

impl StoredDoc {
    /// Reads the values of the serialized document `bytes`.
    fn parse(bytes: OwnedBytes) -> Result<StoredDoc, String> {
        let mut reader = Reader { bytes: bytes.as_slice(), at: 0 };
        let count = reader.vint()?;
        let mut values = Vec::with_capacity(count.min(64) as usize);
        for _ in 0..count {
            let field = Field::from_field_id(u32::from_le_bytes(reader.array()?));
            let value = match reader.byte()? {
                TEXT_CODE => {
                    let len = usize::try_from(reader.vint()?).map_err(|_| "a text longer than memory")?;
                    Raw::Text(reader.skip(len)?)
                }
                U64_CODE => Raw::U64(u64::from_le_bytes(reader.array()?)),
                DATE_CODE => Raw::Date(i64::from_le_bytes(reader.array()?)),
                code => return Err(format!("a value of type code {code}, which poisk does not store")),
            };
            values.push((field, value));
        }
        if reader.at != reader.bytes.len() {
            return Err(format!("{} bytes after the last value", reader.bytes.len() - reader.at));
        }
        Ok(StoredDoc { bytes, values })
    }

    /// The first text of `field`; `None` when it has none (or when the
    /// bytes are not UTF-8, which poisk never writes).
    pub(crate) fn text(&self, field: Field) -> Option<&str> {
        self.values.iter().find_map(|(f, value)| match value {
            Raw::Text(range) if *f == field => simdutf8::basic::from_utf8(&self.bytes.as_slice()[range.clone()]).ok(),
            _ => None,
        })
    }

    /// Every `u64` of `field`, in the order written.
    pub(crate) fn u64s(&self, field: Field) -> impl Iterator<Item = u64> + '_ {
        self.values.iter().filter_map(move |(f, value)| match value {
            Raw::U64(n) if *f == field => Some(*n),
            _ => None,
        })
    }

    /// The first date of `field`.
    pub(crate) fn date(&self, field: Field) -> Option<DateTime> {
        self.values.iter().find_map(|(f, value)| match value {
            Raw::Date(nanos) if *f == field => Some(DateTime::from_timestamp_nanos(*nanos)),
            _ => None,
        })
    }
}

/// A cursor over a document's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip(&mut self, len: usize) -> Result<Range<usize>, String> {
        let end = self.at.checked_add(len).filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| format!("a value of {len} bytes past the end of the document"))?;
        let range = self.at..end;
        self.at = end;
        Ok(range)
    }

    fn byte(&mut self) -> Result<u8, String> {
        let range = self.skip(1)?;
        Ok(self.bytes[range.start])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let range = self.skip(N)?;
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[range]);
        Ok(out)
    }

    /// tantivy's `VInt`: seven bits a byte, low bits first, the high bit
    /// set on the last byte.
    fn vint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 != 0 {
                return Ok(value);
            }
        }
        Err("a length of more than 64 bits".into())
    }
}

/// Each segment's document store, opened once and kept, with its cache of
/// blocks, while a search sees the segment; shared by the clones of a
/// [`Searcher`](crate::Searcher).
#[derive(Clone, Default)]
pub(crate) struct DocStores(Arc<Mutex<HashMap<SegmentId, Arc<StoreReader>>>>);

impl DocStores {
    /// The stored document at `address` of `searcher`.
    ///
    /// # Errors
    /// When the store cannot be read, or the document is not one poisk
    /// wrote.
    pub(crate) fn get(&self, searcher: &tantivy::Searcher, address: DocAddress) -> tantivy::Result<StoredDoc> {
        let segment = searcher.segment_reader(address.segment_ord);
        let store = self.store(searcher, segment)?;
        let bytes = store.get_document_bytes(address.doc_id)?;
        StoredDoc::parse(bytes).map_err(|problem| {
            TantivyError::DataCorruption(DataCorruption::comment_only(format!(
                "stored document {} of segment {}: {problem}",
                address.doc_id,
                segment.segment_id().uuid_string()
            )))
        })
    }

    fn store(
        &self,
        searcher: &tantivy::Searcher,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<Arc<StoreReader>> {
        let mut stores = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(store) = stores.get(&segment.segment_id()) {
            return Ok(Arc::clone(store));
        }
        // A segment merged away is not searched again.
        let segments = searcher.segment_readers();
        stores.retain(|id, _| segments.iter().any(|s| s.segment_id() == *id));
        let store = Arc::new(segment.get_store_reader(CACHED_BLOCKS)?);
        stores.insert(segment.segment_id(), Arc::clone(&store));
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Result<StoredDoc, String> {
        StoredDoc::parse(OwnedBytes::new(bytes.to_vec()))
    }

    /// The bytes tantivy writes for a document of these values.
    fn serialized(values: &[(u32, &[u8])]) -> Vec<u8> {
        let mut out = vec![0x80 | values.len() as u8];
        for (field, value) in values {
            out.extend(field.to_le_bytes());
            out.extend_from_slice(value);
        }
        out
    }

    #[test]
    fn reads_texts_numbers_and_dates_as_tantivy_writes_them() {
        // A text of 200 bytes: its length takes two bytes of VInt.
        let long = "ж".repeat(100);
        let mut text = vec![TEXT_CODE, 200 % 128, 0x80 | (200 / 128)];
        text.extend(long.as_bytes());
        let mut number = vec![U64_CODE];
        number.extend(7u64.to_le_bytes());
        let mut other = vec![U64_CODE];
        other.extend(u64::MAX.to_le_bytes());
        let mut date = vec![DATE_CODE];
        date.extend(1_756_857_600_000_000_000i64.to_le_bytes());
        let doc = parse(&serialized(&[(3, &text), (5, &number), (5, &other), (1, &date)])).unwrap();
        assert_eq!(doc.text(Field::from_field_id(3)), Some(long.as_str()));
        assert_eq!(doc.text(Field::from_field_id(5)), None);
        assert_eq!(doc.u64s(Field::from_field_id(5)).collect::<Vec<_>>(), [7, u64::MAX]);
        let day = doc.date(Field::from_field_id(1)).unwrap();
        assert_eq!(day.into_timestamp_secs(), 1_756_857_600);
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_guess() {
        let text = [TEXT_CODE, 0x80 | 5, b'a', b'b'];
        assert!(parse(&serialized(&[(0, &text)])).unwrap_err().contains("past the end"));
        let bool_value = [9, 1];
        assert!(parse(&serialized(&[(0, &bool_value)])).unwrap_err().contains("type code 9"));
        let trailing = [TEXT_CODE, 0x80 | 1, b'a', 0];
        assert!(parse(&serialized(&[(0, &trailing)])).unwrap_err().contains("1 bytes after"));
        assert!(parse(&[]).is_err());
        assert!(parse(&[0; 12]).unwrap_err().contains("64 bits"));
        // Not UTF-8: read as no text, never as a wrong one.
        let latin1 = [TEXT_CODE, 0x80 | 1, 0xE9];
        assert_eq!(parse(&serialized(&[(0, &latin1)])).unwrap().text(Field::from_field_id(0)), None);
    }
}
