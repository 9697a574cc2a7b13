//! The worker process (`yujuesuan worker`, hidden): the side of the pool that
//! reads files. The PDF interpreter cannot be interrupted, so a file that
//! runs too long or crashes is dealt with by ending its process; keeping the
//! reading in a child process makes that safe.
//!
//! Protocol, one JSON value per line: the parent writes a [`ReadRequest`]
//! (the file's path and where its report JSON goes) on the worker's stdin;
//! the worker writes the report JSON itself and answers with one
//! [`FileOutcome`] on stdout, then waits for the next request. The worker
//! ends at the end of its input.

use super::limits::FileLimits;
use super::outcome::FileOutcome;
use super::read_file::{ReadRequest, read_path};
use crate::error::{ErrorClass, ReadError};
use crate::templates::Templates;
use std::io::{BufRead, Write};

/// Serves requests from `input` until it ends; an I/O error on the pipes
/// ends the worker (the parent sees it die and carries on).
pub fn serve(
    input: impl BufRead,
    mut output: impl Write,
    templates: &Templates,
    limits: &FileLimits,
) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let outcome = match serde_json::from_str::<ReadRequest>(&line) {
            Ok(request) => read_path(&request, templates, limits),
            Err(e) => FileOutcome::failed(ReadError::new(
                ErrorClass::Internal,
                format!("the worker received a malformed request: {e}"),
            )),
        };
        serde_json::to_writer(&mut output, &outcome)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_one_line_per_request() {
        let templates = Templates::embedded().unwrap();
        let input = b"{\"path\":\"/nonexistent/a.txt\",\"report\":null}\nnot json\n".as_slice();
        let mut out = Vec::new();
        serve(input, &mut out, &templates, &FileLimits::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let replies: Vec<FileOutcome> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(replies.len(), 2);
        assert!(
            text.contains("not_pdf") && text.contains("internal"),
            "{text}"
        );
    }
}
