//! The worker process (`yujuesuan worker`, hidden): the side of the pool that
//! reads files. The PDF interpreter cannot be interrupted, so a file that
//! runs too long or crashes is dealt with by ending its process; keeping the
//! reading in a child process makes that safe.
//!
//! Protocol: the parent writes a [`ReadRequest`] (the file's path and where
//! its report JSON goes) as one JSON line on the worker's stdin; the worker
//! writes the report JSON itself and answers with one [`FileOutcome`] on
//! stdout, in a [`frame`](super::frame), then waits for the next request.
//! The worker ends at the end of its input.

use super::frame::write_frame;
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
        write_frame(&mut output, &outcome.to_answer()?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_one_frame_per_request() {
        use crate::batch::frame::read_frame;
        use crate::batch::outcome::Outcome;
        let templates = Templates::embedded().unwrap();
        let input = b"{\"path\":\"/nonexistent/a.txt\",\"report\":null}\nnot json\n".as_slice();
        let mut out = Vec::new();
        serve(input, &mut out, &templates, &FileLimits::default()).unwrap();
        let mut pipe = out.as_slice();
        let mut classes = Vec::new();
        while let Some(frame) = read_frame(&mut pipe).unwrap() {
            match FileOutcome::from_worker(&frame).unwrap().outcome {
                Outcome::Failed(e) => classes.push(e.class),
                Outcome::Read(_) => panic!("nothing to read"),
            }
        }
        assert_eq!(classes, [ErrorClass::NotPdf, ErrorClass::Internal]);
    }
}
