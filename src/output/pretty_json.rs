//! serde_json's pretty layout (two-space indent, `"key": value`, one item
//! a line), byte for byte, with each line's indent written in one piece.
//!
//! `serde_json::PrettyFormatter` writes an indent as one `write_all` per
//! level; a report's JSON is mostly short lines five or six levels deep
//! (row → values → column), so those calls were a large part of rendering
//! it. Everything else (strings, numbers, escaping) is serde_json's own.

use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Spaces for indents up to 32 levels in one write; deeper ones (no
/// report has them) are written a level at a time.
const SPACES: &[u8; 64] = b"                                                                ";

/// A [`Formatter`] that lays JSON out exactly as `PrettyFormatter::new()`.
#[derive(Debug, Default)]
pub struct PrettyJson {
    /// Nesting depth of the value being written.
    level: usize,
    /// Whether the array or object just closed had any item.
    has_value: bool,
}

impl PrettyJson {
    /// A newline (after a comma unless `first`), then the indent.
    fn next_line<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    /// Two spaces per level.
    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        match SPACES.get(..2 * self.level) {
            Some(spaces) => out.write_all(spaces),
            None => (0..self.level).try_for_each(|_| out.write_all(b"  ")),
        }
    }

    /// Opens an array or object one level deeper.
    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// Closes an array or object: its own line when it had items.
    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }
}

impl Formatter for PrettyJson {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next_line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next_line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON, laid out as `serde_json::to_writer_pretty`.
pub fn to_writer_pretty<W: Write, T: ?Sized + serde::Serialize>(
    out: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, PrettyJson::default());
    value.serialize(&mut ser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn both(value: &serde_json::Value) -> (Vec<u8>, Vec<u8>) {
        let mut ours = Vec::new();
        to_writer_pretty(&mut ours, value).unwrap();
        (ours, serde_json::to_vec_pretty(value).unwrap())
    }

    #[test]
    fn lays_out_as_serde_json_does() {
        let v = json!({
            "a": [], "b": {}, "c": [1, [2, []], {"d": {}}],
            "e": {"f": {"g": {"h": [null, true, 1.5, "收入\"\n"]}}}
        });
        let (ours, theirs) = both(&v);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn deeper_than_the_spaces_still_indents() {
        let mut deep = json!("x");
        for _ in 0..40 {
            deep = json!([deep, {"k": []}]);
        }
        let (ours, theirs) = both(&deep);
        assert_eq!(ours, theirs);
    }
}
