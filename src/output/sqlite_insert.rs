//! A prepared `INSERT` that binds a row's values where they lie.
//!
//! rusqlite binds every text as `SQLITE_TRANSIENT`: SQLite copies each
//! string into the statement, and the insert then copies it again into the
//! record it writes. Without that first copy the parent's work over the
//! text twins went from 960 to 917 M instructions (docs/performance.md,
//! twenty-fifth session). This statement
//! binds text as `SQLITE_STATIC` instead, which is sound only while the
//! bound bytes outlive every read SQLite makes of them. SQLite reads bound
//! values only while the statement steps (this module never asks for them
//! otherwise), and [`RawInsert::insert`] binds every parameter, steps and
//! resets while it borrows the row: the pointers a finished insert leaves in
//! the statement are replaced before the next step, so none is read after
//! its row is gone. (Clearing them after every row as well cost 1 % of the
//! parent's instructions.) After a failure the bindings are cleared, so a
//! statement that failed half-bound holds no pointer into the row at all.
//!
//! The statement holds a raw pointer to its connection's handle and has no
//! lifetime of its own: its owner (`output::sqlite::SqliteWriter`) keeps it
//! beside the connection and finalizes it before the connection closes.

use crate::output::rows::Value;
use rusqlite::{Connection, ffi};
use std::ffi::{CStr, c_char, c_int};
use std::ptr::NonNull;

/// One prepared insert statement of one connection.
pub(crate) struct RawInsert {
    /// The connection's handle, for its error messages.
    db: NonNull<ffi::sqlite3>,
    stmt: NonNull<ffi::sqlite3_stmt>,
    /// How many `?` the statement has: every row must bind all of them, so
    /// that no binding from an earlier row survives.
    params: usize,
}

impl RawInsert {
    /// Prepares `sql` on `connection`.
    ///
    /// # Safety
    ///
    /// The statement must be dropped before `connection` is closed or
    /// dropped.
    pub(crate) unsafe fn prepare(connection: &Connection, sql: &str) -> std::io::Result<Self> {
        // SAFETY: the handle is valid while `connection` is open; it is
        // used only for calls SQLite allows on an open connection.
        let handle = unsafe { connection.handle() };
        let db = NonNull::new(handle).ok_or_else(|| std::io::Error::other("closed database"))?;
        let length = c_int::try_from(sql.len()).map_err(std::io::Error::other)?;
        let mut stmt = std::ptr::null_mut();
        // SAFETY: `sql` is valid for `length` bytes; SQLite writes the new
        // statement (or null) into `stmt`.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(
                db.as_ptr(),
                sql.as_ptr().cast::<c_char>(),
                length,
                &mut stmt,
                std::ptr::null_mut(),
            )
        };
        if rc != ffi::SQLITE_OK {
            return Err(error(db, rc));
        }
        let stmt = NonNull::new(stmt)
            .ok_or_else(|| std::io::Error::other(format!("no statement in {sql}")))?;
        // SAFETY: `stmt` was just prepared.
        let count = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        Ok(RawInsert {
            db,
            stmt,
            params: usize::try_from(count).unwrap_or(0),
        })
    }

    /// Inserts one row: `row` holds a value for every parameter, in order.
    pub(crate) fn insert(&mut self, row: &[Value<'_>]) -> std::io::Result<()> {
        if row.len() != self.params {
            return Err(std::io::Error::other(format!(
                "{} values for {} parameters",
                row.len(),
                self.params
            )));
        }
        let result = self.bind_all(row).and_then(|()| self.step());
        // SAFETY: the statement is valid. Resetting ends the step; after a
        // failure, clearing drops every pointer into `row`.
        unsafe {
            ffi::sqlite3_reset(self.stmt.as_ptr());
            if result.is_err() {
                ffi::sqlite3_clear_bindings(self.stmt.as_ptr());
            }
        }
        result
    }

    /// Binds every value, text and all without a copy.
    fn bind_all(&mut self, row: &[Value<'_>]) -> std::io::Result<()> {
        for (index, value) in (1..).zip(row) {
            let stmt = self.stmt.as_ptr();
            // SAFETY: `stmt` is valid and `index` within its parameters.
            // A text is bound `SQLITE_STATIC`: SQLite reads its bytes only
            // in the step `insert` takes while it still borrows the row.
            let rc = unsafe {
                match value {
                    Value::Null => ffi::sqlite3_bind_null(stmt, index),
                    Value::Int(i) => ffi::sqlite3_bind_int64(stmt, index, *i),
                    Value::Real(r) => ffi::sqlite3_bind_double(stmt, index, *r),
                    Value::Text(t) => ffi::sqlite3_bind_text64(
                        stmt,
                        index,
                        t.as_ptr().cast::<c_char>(),
                        t.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                }
            };
            if rc != ffi::SQLITE_OK {
                return Err(error(self.db, rc));
            }
        }
        Ok(())
    }

    /// Runs the statement to its end.
    fn step(&mut self) -> std::io::Result<()> {
        // SAFETY: the statement is valid and every parameter bound.
        match unsafe { ffi::sqlite3_step(self.stmt.as_ptr()) } {
            ffi::SQLITE_DONE => Ok(()),
            rc => Err(error(self.db, rc)),
        }
    }
}

impl Drop for RawInsert {
    fn drop(&mut self) {
        // SAFETY: the statement is valid and finalized once, here; its
        // owner drops it before closing the connection.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// SQLite's message for the connection's last error, with its code.
fn error(db: NonNull<ffi::sqlite3>, rc: c_int) -> std::io::Error {
    // SAFETY: the connection is open; SQLite returns a NUL-terminated
    // message it owns, copied here before any other call.
    let message = unsafe {
        let text = ffi::sqlite3_errmsg(db.as_ptr());
        if text.is_null() {
            String::new()
        } else {
            CStr::from_ptr(text).to_string_lossy().into_owned()
        }
    };
    std::io::Error::other(format!("SQLite error {rc}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (a INTEGER, b TEXT, c REAL, d TEXT)")
            .unwrap();
        c
    }

    #[test]
    fn rows_go_in_as_bound_and_the_row_can_be_dropped_after() {
        let c = table();
        {
            let mut insert =
                unsafe { RawInsert::prepare(&c, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)") }.unwrap();
            for i in 0..3 {
                let owned = format!("行{i}");
                let row = [
                    Value::Int(i),
                    Value::text(&owned),
                    Value::Real(1.5),
                    Value::Null,
                ];
                insert.insert(&row).unwrap();
                drop(owned);
            }
        }
        let rows: Vec<(i64, String, f64, Option<String>)> = c
            .prepare("SELECT a, b, c, d FROM t ORDER BY a")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2], (2, "行2".to_string(), 1.5, None));
        c.close().unwrap();
    }

    #[test]
    fn a_short_row_or_a_broken_constraint_is_an_error_and_leaves_nothing_bound() {
        let c = table();
        c.execute_batch("CREATE UNIQUE INDEX u ON t (a)").unwrap();
        let mut insert =
            unsafe { RawInsert::prepare(&c, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)") }.unwrap();
        assert!(insert.insert(&[Value::Int(1)]).is_err());
        let row = [Value::Int(1), Value::text("x"), Value::Null, Value::Null];
        insert.insert(&row).unwrap();
        let again = insert.insert(&row).unwrap_err().to_string();
        assert!(again.contains("UNIQUE"), "{again}");
        assert!(unsafe { RawInsert::prepare(&c, "INSERT INTO nowhere VALUES (1)") }.is_err());
        drop(insert);
        c.close().unwrap();
    }
}
