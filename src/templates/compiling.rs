//! Templates that may still be compiling on a helper thread.
//!
//! Loading the built-in grammars (parsing their TOML, building the title
//! and vocabulary tables) is about 8 M instructions: a quarter of a one-file
//! `cells` run on a small text report, a fifteenth on a small PDF. Reading
//! the file needs no grammar until the report is parsed, so reading the
//! first file while a helper compiles the grammars makes such a run wait
//! for the longer of the two instead of their sum.
//!
//! Once it has handed the templates over, the helper goes on to compile
//! every table's title patterns, which the grammar otherwise compiles on
//! first use on the reading thread (about 5 M instructions of a small
//! report's run; all of them are about 10 M). A pattern the reader
//! reaches first is compiled by the reader, one the helper is compiling
//! is waited for (each is a `OnceLock`), so the reader never compiles
//! one twice. The cost is the patterns the report never uses, on a core
//! that a one-file run leaves idle: `cells` on `reportlab-36` went from
//! 122.5 M to 117.6 M instructions on the reading thread, and about
//! 1 ms faster (hyperfine, docs/performance.md).

use super::Templates;
use std::ops::Deref;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

/// Templates ready, or being compiled; [`Compiling::get`] waits for them.
pub enum Compiling {
    /// A helper is compiling them and sends them when done.
    Helper(Receiver<Result<Arc<Templates>, String>>),
    /// Compiled (or given ready), or the error compiling them gave.
    Done(Result<Arc<Templates>, String>),
}

impl Compiling {
    /// Templates already loaded (a `--grammars` folder, read before any
    /// input so that its errors come first).
    pub fn ready(templates: Arc<Templates>) -> Compiling {
        Compiling::Done(Ok(templates))
    }

    /// Starts compiling the built-in templates on a helper thread, which
    /// then compiles their title patterns; when no thread can be started
    /// they are compiled here and now instead (and the patterns on first
    /// use).
    pub fn embedded() -> Compiling {
        let (send, receive) = channel();
        let helper = std::thread::Builder::new()
            .name("grammars".into())
            .spawn(move || {
                let templates = Templates::embedded().map(Arc::new);
                let warm = templates.as_ref().ok().cloned();
                let _ = send.send(templates);
                if let Some(t) = warm {
                    compile_titles(&t);
                }
            });
        match helper {
            Ok(_) => Compiling::Helper(receive),
            Err(_) => Compiling::Done(Templates::embedded().map(Arc::new)),
        }
    }

    /// The templates, once compiled; the error a failed compile gave
    /// (every call after it gives it again).
    pub fn get(&mut self) -> Result<&Templates, String> {
        if let Compiling::Helper(helper) = self {
            let compiled = helper
                .recv()
                .unwrap_or_else(|_| Err("compiling the built-in grammars panicked".to_string()));
            *self = Compiling::Done(compiled);
        }
        match self {
            Compiling::Done(Ok(templates)) => Ok(templates),
            Compiling::Done(Err(e)) => Err(e.clone()),
            // Replaced just above.
            Compiling::Helper(_) => Err("the built-in grammars were not received".to_string()),
        }
    }
}

/// Compiles every table's title patterns (see the module comment).
fn compile_titles(templates: &Templates) {
    for table in &templates.tables {
        for pattern in &table.title_patterns {
            // Dereferencing compiles it (see `LazyRegex`).
            let _ = pattern.deref();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_on_a_helper_the_templates_are_the_built_in_ones() {
        let mut compiling = Compiling::embedded();
        let helper = compiling.get().unwrap().tables.len();
        assert_eq!(helper, Templates::embedded().unwrap().tables.len());
        // A second call gives the same templates without waiting again.
        assert_eq!(compiling.get().unwrap().tables.len(), helper);
    }

    #[test]
    fn ready_templates_are_given_back() {
        let templates = Arc::new(Templates::embedded().unwrap());
        let mut compiling = Compiling::ready(templates.clone());
        assert!(std::ptr::eq(compiling.get().unwrap(), &*templates));
    }
}
