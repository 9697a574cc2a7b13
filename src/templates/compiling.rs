//! Templates that may still be compiling on a helper thread.
//!
//! Loading the built-in grammars (parsing their TOML, building the title
//! and vocabulary tables) is about 8 M instructions: a quarter of a one-file
//! `cells` run on a small text report, a fifteenth on a small PDF. Reading
//! the file needs no grammar until the report is parsed, so reading the
//! first file while a helper compiles the grammars makes such a run wait
//! for the longer of the two instead of their sum.

use super::Templates;
use std::sync::Arc;
use std::thread::JoinHandle;

/// Templates ready, or being compiled; [`Compiling::get`] waits for them.
pub struct Compiling {
    /// The helper compiling them, until it has been waited for.
    helper: Option<JoinHandle<Result<Templates, String>>>,
    /// What the helper gave (or the templates given ready).
    done: Option<Result<Arc<Templates>, String>>,
}

impl Compiling {
    /// Templates already loaded (a `--grammars` folder, read before any
    /// input so that its errors come first).
    pub fn ready(templates: Arc<Templates>) -> Compiling {
        Compiling {
            helper: None,
            done: Some(Ok(templates)),
        }
    }

    /// Starts compiling the built-in templates on a helper thread; when no
    /// thread can be started they are compiled here and now instead.
    pub fn embedded() -> Compiling {
        match std::thread::Builder::new()
            .name("grammars".into())
            .spawn(Templates::embedded)
        {
            Ok(helper) => Compiling {
                helper: Some(helper),
                done: None,
            },
            Err(_) => Compiling {
                helper: None,
                done: Some(Templates::embedded().map(Arc::new)),
            },
        }
    }

    /// The templates, once compiled; the error a failed compile gave
    /// (every call after it gives it again).
    pub fn get(&mut self) -> Result<&Templates, String> {
        if let Some(helper) = self.helper.take() {
            let compiled = helper
                .join()
                .unwrap_or_else(|_| Err("compiling the built-in grammars panicked".to_string()));
            self.done = Some(compiled.map(Arc::new));
        }
        match &self.done {
            Some(Ok(templates)) => Ok(templates),
            Some(Err(e)) => Err(e.clone()),
            None => Err("no grammars were loaded".to_string()),
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
