//! Reading the texts that a report's cells share (the report's stem, its
//! unit and amount unit, a table's kind) as one shared allocation.
//!
//! The parent reads every cell of every report from the workers' answers
//! and from records; cells come in table order, so a shared text is nearly
//! always one of the last few read. A reader keeps those few on its thread
//! and hands out another reference to a text already held instead of a new
//! copy (serde's own `Arc<str>` reading allocates twice per text).

use serde::de::{self, Deserializer, Visitor};
use std::cell::RefCell;
use std::sync::Arc;

/// Texts remembered per thread: a cell has four shared fields.
const KEPT: usize = 4;

thread_local! {
    /// The texts read last on this thread, and the slot to replace next.
    static RECENT: RefCell<([Option<Arc<str>>; KEPT], usize)> =
        const { RefCell::new(([const { None }; KEPT], 0)) };
}

/// `text` as a shared allocation: one held already when it is equal.
fn shared(text: &str) -> Arc<str> {
    RECENT.with_borrow_mut(|(kept, next)| {
        if let Some(held) = kept.iter().flatten().find(|k| &***k == text) {
            return Arc::clone(held);
        }
        let made: Arc<str> = Arc::from(text);
        if let Some(slot) = kept.get_mut(*next) {
            *slot = Some(Arc::clone(&made));
        }
        *next = (*next + 1) % KEPT;
        made
    })
}

/// Reads a text.
struct SharedVisitor;

impl Visitor<'_> for SharedVisitor {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(shared(v))
    }
}

/// Reads an optional text.
struct OptionalVisitor;

impl<'de> Visitor<'de> for OptionalVisitor {
    type Value = Option<Arc<str>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        read(d).map(Some)
    }
}

/// `deserialize_with` for an `Arc<str>` field.
pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
    d.deserialize_str(SharedVisitor)
}

/// `deserialize_with` for an `Option<Arc<str>>` field.
pub fn read_optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Arc<str>>, D::Error> {
    d.deserialize_option(OptionalVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Pair {
        #[serde(deserialize_with = "read")]
        a: Arc<str>,
        #[serde(default, deserialize_with = "read_optional")]
        b: Option<Arc<str>>,
    }

    #[test]
    fn equal_texts_read_in_turn_share_one_allocation() {
        let first: Pair = serde_json::from_str(r#"{"a":"报表","b":"万元"}"#).unwrap();
        let second: Pair = serde_json::from_str(r#"{"a":"报表","b":null}"#).unwrap();
        let third: Pair = serde_json::from_str(r#"{"a":"x\"y"}"#).unwrap();
        assert!(Arc::ptr_eq(&first.a, &second.a));
        assert_eq!(first.b.as_deref(), Some("万元"));
        assert_eq!(second.b, None);
        assert_eq!((&*third.a, third.b), ("x\"y", None));
    }

    #[test]
    fn a_text_no_longer_held_is_read_again() {
        let texts: Vec<Arc<str>> = (0..KEPT + 2).map(|i| shared(&format!("t{i}"))).collect();
        let again = shared("t0");
        assert_eq!(&*again, "t0");
        assert!(!Arc::ptr_eq(&again, &texts[0]));
        assert!(Arc::ptr_eq(
            &shared(&format!("t{}", KEPT + 1)),
            &texts[KEPT + 1]
        ));
    }
}
