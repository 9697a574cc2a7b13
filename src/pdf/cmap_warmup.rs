//! The predefined CMaps unpacked ahead, on a helper thread.
//!
//! A font whose `/Encoding` names a predefined CMap (`/UniGB-UCS2-H`, as
//! reportlab and many Adobe tools write) makes `hayro-cmap` inflate its
//! whole brotli bundle of 61 CMaps the first time one is looked up: about
//! a fifth of a one-file `cells` run on a small reportlab report. The
//! lookup comes late, when the page that uses the font is drawn; the file
//! names the CMap from the start. When it does, a helper thread starts the
//! unpacking while the file is opened and pre-scanned, and the interpreter
//! later finds it done (or waits for the helper, never unpacking twice:
//! the bundle is one `LazyLock`). It moves work earlier and onto another
//! core; it adds none, beyond a scan for `/Encoding` that stops for good
//! once a helper has been started in this process.

use super::prescan::is_regular_byte;
use hayro_interpret::hayro_cmap::{CMapName, load_embedded};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a helper has been started: the bundle is unpacked once per
/// process, so later files need neither the scan nor a helper.
static STARTED: AtomicBool = AtomicBool::new(false);

/// Starts unpacking the predefined CMaps on a helper thread when `bytes`
/// names one as an `/Encoding` (names in compressed object streams are
/// not seen; such a file unpacks them when it needs them, as before).
pub(crate) fn start_if_named(bytes: &[u8]) {
    if STARTED.load(Ordering::Relaxed) || !names_predefined_cmap(bytes) {
        return;
    }
    if STARTED.swap(true, Ordering::Relaxed) {
        return;
    }
    // Looking up any one CMap unpacks the whole bundle. Without a thread
    // the interpreter unpacks it itself, as before.
    let _ = std::thread::Builder::new()
        .name("cmaps".into())
        .spawn(|| load_embedded(CMapName::AdobeGb1Ucs2));
}

/// Does a predefined CMap in the bundle (not Identity, which needs none)
/// follow an `/Encoding` key in `bytes`?
fn names_predefined_cmap(bytes: &[u8]) -> bool {
    const KEY: &[u8] = b"/Encoding";
    memchr::memmem::find_iter(bytes, KEY).any(|at| {
        let rest = bytes.get(at + KEY.len()..).unwrap_or_default();
        let name = rest
            .trim_ascii_start()
            .strip_prefix(b"/")
            .unwrap_or_default();
        let end = name
            .iter()
            .position(|&b| !is_regular_byte(b))
            .unwrap_or(name.len());
        let name = name.get(..end).unwrap_or_default();
        !matches!(
            CMapName::from_bytes(name),
            CMapName::IdentityH | CMapName::IdentityV | CMapName::Custom(_)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::names_predefined_cmap;

    #[test]
    fn a_predefined_cmap_is_seen_after_encoding() {
        assert!(names_predefined_cmap(b"<</Encoding /UniGB-UCS2-H>>"));
        assert!(names_predefined_cmap(b"<</Encoding/GBK-EUC-H/Type/Font>>"));
        assert!(names_predefined_cmap(b"/Encoding\r\n  /UniGB-UTF16-H\n"));
    }

    #[test]
    fn identity_simple_encodings_and_streams_are_not() {
        assert!(!names_predefined_cmap(b"<</Encoding /Identity-H>>"));
        assert!(!names_predefined_cmap(b"<</Encoding /WinAnsiEncoding>>"));
        assert!(!names_predefined_cmap(b"<</Encoding 12 0 R>>"));
        assert!(!names_predefined_cmap(
            b"<</Encoding<</Differences[1/a]>>>>"
        ));
        assert!(!names_predefined_cmap(b"/Encoding"));
        assert!(!names_predefined_cmap(b""));
    }
}
