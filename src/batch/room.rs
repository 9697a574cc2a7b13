//! Room reserved for an output buffer from the size of the last one.
//!
//! A worker writes each report's JSON and its answer into a fresh buffer;
//! grown from empty, a 350 KB report was copied about twice over as the
//! buffer doubled. A corpus's reports are alike, so the last size is a good
//! guess for the next.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The most room reserved ahead, whatever the last buffer took.
const MAX_ROOM: usize = 16 << 20;

/// The size of the last buffer of one kind.
pub struct Room(AtomicUsize);

impl Room {
    /// No size seen yet.
    pub const fn new() -> Self {
        Room(AtomicUsize::new(0))
    }

    /// An empty buffer with room for as much as the last one held.
    pub fn buffer(&self) -> Vec<u8> {
        Vec::with_capacity(self.0.load(Ordering::Relaxed))
    }

    /// Notes what a buffer came to, for the next.
    pub fn remember(&self, len: usize) {
        self.0.store(len.min(MAX_ROOM), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_has_room_for_the_last_size_up_to_the_bound() {
        let room = Room::new();
        assert_eq!(room.buffer().capacity(), 0);
        room.remember(1000);
        assert!(room.buffer().capacity() >= 1000);
        room.remember(usize::MAX);
        assert!(room.buffer().capacity() >= MAX_ROOM);
        assert!(room.buffer().capacity() < 2 * MAX_ROOM);
    }
}
