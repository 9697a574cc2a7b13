//! The worker's answers on its stdout: one length-prefixed frame per file.
//!
//! An answer is a [`FileOutcome`](super::outcome::FileOutcome) in
//! MessagePack (fields by name, so the outcome's optional and defaulted
//! fields read back as they were written). It used to be a JSON line: the
//! parent then spent a quarter of its work parsing answers and the worker
//! 6 % of its work writing them, numbers formatted as decimal text only to
//! be parsed back (docs/performance.md, fifteenth session). A frame is the
//! payload's length as four little-endian bytes, then the payload.

use std::io::{ErrorKind, Read, Write};

/// The largest answer accepted: far above any report's (a few megabytes),
/// so that a worker that wrote garbage before dying cannot make the parent
/// allocate gigabytes.
pub const MAX_FRAME: usize = 1 << 30;

/// Writes one frame and flushes it, so the parent sees the answer at once.
pub fn write_frame(output: &mut impl Write, payload: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|&n| n as usize <= MAX_FRAME)
        .ok_or_else(|| std::io::Error::other("answer too large for one frame"))?;
    output.write_all(&len.to_le_bytes())?;
    output.write_all(payload)?;
    output.flush()
}

/// Reads the next frame; `Ok(None)` at a clean end of input (between
/// frames). A frame cut short or longer than [`MAX_FRAME`] is an error.
pub fn read_frame(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut head = [0u8; 4];
    let mut filled = 0;
    while filled < head.len() {
        match input.read(head.get_mut(filled..).unwrap_or_default()) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_le_bytes(head) as usize;
    if len > MAX_FRAME {
        return Err(std::io::Error::new(
            ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the limit"),
        ));
    }
    let mut payload = vec![0u8; len];
    input.read_exact(&mut payload)?;
    Ok(Some(payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_read_back_in_order_then_end() {
        let mut pipe = Vec::new();
        write_frame(&mut pipe, b"first").unwrap();
        write_frame(&mut pipe, b"").unwrap();
        write_frame(&mut pipe, &[7u8; 300]).unwrap();
        let mut input = pipe.as_slice();
        assert_eq!(read_frame(&mut input).unwrap().unwrap(), b"first");
        assert_eq!(read_frame(&mut input).unwrap().unwrap(), b"");
        assert_eq!(read_frame(&mut input).unwrap().unwrap(), vec![7u8; 300]);
        assert!(read_frame(&mut input).unwrap().is_none());
    }

    #[test]
    fn a_cut_or_oversized_frame_is_an_error() {
        let mut pipe = Vec::new();
        write_frame(&mut pipe, b"payload").unwrap();
        let cut = &pipe[..pipe.len() - 2];
        assert!(read_frame(&mut &cut[..]).is_err());
        let huge = ((MAX_FRAME + 1) as u32).to_le_bytes();
        assert!(read_frame(&mut &huge[..]).is_err());
        // A partial length is a cut frame too, not a clean end.
        assert!(read_frame(&mut &huge[..2]).is_err());
    }
}
