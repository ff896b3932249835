//! De-duplicating a virtualised message list. Facebook unmounts rows that
//! scroll away and mounts new elements for them when they come back, and there
//! is no message id in the DOM. Each read gives the rows mounted now, in page
//! order; they are placed into the thread's log at the offset where they agree
//! with it (key: sender + kind + text + position), so a re-mounted row is the
//! same message and only rows beyond either end of the log are new.
//!
//! Pure (no DOM): built and tested natively.
use crate::engine::time::Timestamp;
use crate::engine::{Message, MessageKind, Sender};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// A message row as the log keeps it (never stored). Identity is sender +
/// kind + text (+ position in the log); the separator time is carried along
/// but not compared, since a re-mounted row may lose its separator. The hash
/// of the identity is computed once: every step aligns the whole mounted
/// window against the log, so a row is hashed per step otherwise.
#[derive(Debug, Clone)]
pub struct RowKey {
    pub from: Sender,
    pub kind: MessageKind,
    pub text: Option<String>,
    pub at: Option<Timestamp>,
    /// The sender's name the row shows (carried along, not compared: a group
    /// chat's author, see `session::contact::is_group`).
    pub author: Option<String>,
    id: u64,
}

impl PartialEq for RowKey {
    fn eq(&self, o: &Self) -> bool {
        self.id == o.id && self.from == o.from && self.kind == o.kind && self.text == o.text
    }
}
impl Eq for RowKey {}
impl Hash for RowKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.id);
    }
}

impl RowKey {
    pub fn of(m: Message) -> RowKey {
        let mut h = DefaultHasher::new();
        m.from.hash(&mut h);
        m.kind.hash(&mut h);
        m.text.hash(&mut h);
        RowKey { from: m.from, kind: m.kind, text: m.text, at: m.at, author: m.author, id: h.finish() }
    }
    pub fn message(&self) -> Message {
        Message { from: self.from, author: self.author.clone(), at: self.at, kind: self.kind, text: self.text.clone() }
    }
}

/// Positions considered per distinct row value (bounds the work for threads
/// full of identical "Good morning"s).
const MAX_CANDIDATES: usize = 64;

/// A hasher for keys that are hashes already (row hashes, offsets): one
/// multiplication instead of SipHash, since every step aligns the whole
/// mounted window (thousands of rows on a long thread) against the log.
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // FNV-1a, for keys that are not a single integer (only in tests).
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64)
    }
}

type FastState = std::hash::BuildHasherDefault<Mix>;

pub struct Log<T> {
    pub items: Vec<T>,
    hashes: Vec<u64>,
    index: HashMap<u64, Vec<usize>, FastState>,
    /// Merges that moved items already in the log (rows placed before or
    /// between them): a `Placed` from before such a merge no longer holds.
    reshaped: u64,
}

impl<T> Default for Log<T> {
    fn default() -> Self {
        Log { items: Vec::new(), hashes: Vec::new(), index: HashMap::default(), reshaped: 0 }
    }
}

/// Where a merged window's rows sit in the log: `rows` rows from index `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub at: usize,
    pub rows: usize,
    reshaped: u64,
}

fn hash_of<T: Hash>(t: &T) -> u64 {
    let mut h = Mix::default();
    t.hash(&mut h);
    h.finish()
}

/// Where the read rows land relative to the log, and which are new.
#[derive(Debug, PartialEq, Eq)]
pub struct Merge {
    /// Rows older than the log's first item (the user scrolled up), in page order.
    pub prepended: usize,
    /// Rows newer than the log's last item.
    pub appended: usize,
    /// Where the window's rows now are (`None` when new rows went between
    /// rows of the log, or the window was empty).
    pub placed: Option<Placed>,
}

impl<T: Hash + Eq + Clone> Log<T> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, h) in self.hashes.iter().enumerate() {
            self.index.entry(*h).or_default().push(i);
        }
    }

    /// Merges the rows mounted now; returns the new rows (older ones first, then newer).
    /// Into an empty log (a thread's first read) the window is a window grown
    /// from nothing: `merge_grown` takes it, so the first read runs (and V8
    /// compiles and tiers up) the code every later append of rows runs.
    pub fn merge(&mut self, rows: &[T]) -> (Vec<T>, Merge) {
        let n = rows.len() as i64;
        if n == 0 {
            return (Vec::new(), Merge { prepended: 0, appended: 0, placed: None });
        }
        if self.items.is_empty() {
            if let Some(r) = self.merge_grown(rows, Placed { at: 0, rows: 0, reshaped: self.reshaped }) {
                return r;
            }
        }
        let len = self.items.len() as i64;
        let rh: Vec<u64> = rows.iter().map(hash_of).collect();
        // Best offset o: rows[j] sits at log[o + j]; every overlapping pair must agree.
        let mut best: Option<(usize, i64)> = None;
        let mut tried: std::collections::HashSet<i64, FastState> = Default::default();
        for (j, h) in rh.iter().enumerate() {
            let Some(ps) = self.index.get(h) else { continue };
            for &p in ps.iter().rev().take(MAX_CANDIDATES) {
                let o = p as i64 - j as i64;
                if !tried.insert(o) {
                    continue;
                }
                let mut overlap = 0usize;
                let mut ok = true;
                for (k, row) in rows.iter().enumerate() {
                    let i = o + k as i64;
                    if i < 0 || i >= len {
                        continue;
                    }
                    if self.hashes[i as usize] != rh[k] || self.items[i as usize] != *row {
                        ok = false;
                        break;
                    }
                    overlap += 1;
                }
                if ok && best.is_none_or(|(bo, bov)| overlap > bo || (overlap == bo && o > bov)) {
                    best = Some((overlap, o));
                }
            }
        }
        if best.is_none() && len > 0 {
            if let Some(r) = self.merge_with_insertions(rows, &rh) {
                return r;
            }
        }
        let o = best.map(|(_, o)| o).unwrap_or(len);
        // One loop for both sides (each `filter().map().collect()` was an adapter of
        // its own in the content module; docs/performance.md "Size, round 40").
        let (mut before, mut after): (Vec<T>, Vec<T>) = (Vec::new(), Vec::new());
        for k in 0..n {
            if o + k < 0 {
                before.push(rows[k as usize].clone());
            } else if o + k >= len {
                after.push(rows[k as usize].clone());
            }
        }
        let mut m = Merge { prepended: before.len(), appended: after.len(), placed: None };
        for t in &after {
            let h = hash_of(t);
            self.index.entry(h).or_default().push(self.items.len());
            self.hashes.push(h);
            self.items.push(t.clone());
        }
        if !before.is_empty() {
            let mut items = before.clone();
            items.append(&mut self.items);
            self.items = items;
            self.hashes = self.items.iter().map(hash_of).collect();
            self.reindex();
            self.reshaped += 1;
        }
        // rows[0] is at o, or at 0 when rows went before the log's first item.
        m.placed = Some(Placed { at: o.max(0) as usize, rows: rows.len(), reshaped: self.reshaped });
        let mut new = before;
        new.extend(after);
        (new, m)
    }

    /// When no offset makes every overlapping row agree, rows may have been
    /// inserted between rows already in the log (a message delivered late):
    /// align greedily from an anchor (a window row found in the log), letting
    /// window rows that do not match the next log row be new rows placed there.
    /// The alignment with the most matching rows wins; `None` when none has a
    /// run of agreement or it would take more than `MAX_INSERTED` new rows.
    fn merge_with_insertions(&mut self, rows: &[T], rh: &[u64]) -> Option<(Vec<T>, Merge)> {
        const MAX_INSERTED: usize = 32;
        const ANCHORS: usize = 4;
        let len = self.items.len();
        let mut best: Option<(usize, usize, usize)> = None; // (matches, j0, p0)
        let anchors = rh.iter().enumerate().filter(|(_, h)| self.index.contains_key(*h)).take(ANCHORS);
        for (j0, h) in anchors {
            for &p0 in self.index[h].iter().rev().take(MAX_CANDIDATES) {
                let (mut i, mut matches, mut inserted) = (p0, 0usize, 0usize);
                for k in j0..rows.len() {
                    if i < len && self.hashes[i] == rh[k] && self.items[i] == rows[k] {
                        matches += 1;
                        i += 1;
                    } else if i < len {
                        inserted += 1;
                    }
                }
                if p0 > 0 {
                    inserted += j0; // window rows before the anchor go before log[p0]
                }
                if inserted <= MAX_INSERTED && matches > 1 && best.is_none_or(|(bm, _, bp)| matches > bm || (matches == bm && p0 > bp)) {
                    best = Some((matches, j0, p0));
                }
            }
        }
        let (_, j0, p0) = best?;
        // Rebuild the log in page order: log rows before the anchor, the window's
        // rows before it (new), then the walk.
        let old = std::mem::take(&mut self.items);
        let mut old = old.into_iter();
        let mut items: Vec<T> = Vec::with_capacity(len + rows.len());
        let mut new: Vec<T> = Vec::new();
        let (mut prepended, mut appended) = (0usize, 0usize);
        // Pushed one by one, here and for `pending` below: `extend` of a `take()` and of
        // an `Option` were two more copies of `extend_trusted` (docs/performance.md
        // "Size, round 43").
        for _ in 0..p0 {
            if let Some(x) = old.next() {
                items.push(x);
            }
        }
        for r in &rows[..j0] {
            if p0 == 0 {
                prepended += 1;
            }
            items.push(r.clone());
            new.push(r.clone());
        }
        let mut pending = old.next();
        for r in &rows[j0..] {
            match &pending {
                Some(x) if x == r => {
                    items.push(pending.take().unwrap());
                    pending = old.next();
                }
                Some(_) => {
                    items.push(r.clone());
                    new.push(r.clone());
                }
                None => {
                    appended += 1;
                    items.push(r.clone());
                    new.push(r.clone());
                }
            }
        }
        if let Some(x) = pending {
            items.push(x);
        }
        items.extend(old);
        self.items = items;
        self.hashes = self.items.iter().map(hash_of).collect();
        self.reindex();
        self.reshaped += 1;
        Some((new, Merge { prepended, appended, placed: None }))
    }

    /// Merges a window that only grew at its end since it was merged as
    /// `since`: the caller knows that its first `since.rows` rows are those
    /// rows, unchanged (`row_window` appends without touching them). Only the
    /// rows after them are compared with the log, at the place the window had,
    /// and those beyond the log's end are new — a cost that follows the rows
    /// added, not the window's length. A window that grew keeps its place
    /// where `merge` may choose another one of repeated content that agrees as
    /// well. `None` when the log was reshaped since or a row disagrees with
    /// it: then `merge` it in full.
    pub fn merge_grown(&mut self, rows: &[T], since: Placed) -> Option<(Vec<T>, Merge)> {
        let len = self.items.len();
        if since.reshaped != self.reshaped || rows.len() < since.rows || since.at + since.rows > len {
            return None;
        }
        let added = &rows[since.rows..];
        let start = since.at + since.rows;
        let hashes: Vec<u64> = added.iter().map(hash_of).collect();
        let inside = len.saturating_sub(start).min(added.len());
        for k in 0..inside {
            if self.hashes[start + k] != hashes[k] || self.items[start + k] != added[k] {
                return None;
            }
        }
        let new: Vec<T> = added[inside..].to_vec();
        // By index, not `zip` (its `Zip::new` of its own; docs/performance.md "Size, round 44").
        for (k, t) in new.iter().enumerate() {
            let h = &hashes[inside + k];
            self.index.entry(*h).or_default().push(self.items.len());
            self.hashes.push(*h);
            self.items.push(t.clone());
        }
        let placed = Placed { at: since.at, rows: rows.len(), reshaped: self.reshaped };
        let appended = new.len();
        Some((new, Merge { prepended: 0, appended, placed: Some(placed) }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(log: &mut Log<&'static str>, rows: &[&'static str]) -> Vec<&'static str> {
        log.merge(rows).0
    }

    #[test]
    fn first_read_takes_everything() {
        let mut l = Log::default();
        assert_eq!(merge(&mut l, &["a", "b", "c"]), vec!["a", "b", "c"]);
        assert_eq!(l.items, vec!["a", "b", "c"]);
    }

    #[test]
    fn remounted_window_is_not_new() {
        let mut l = Log::default();
        merge(&mut l, &["a", "b", "c", "d"]);
        assert!(merge(&mut l, &["b", "c", "d"]).is_empty());
        assert!(merge(&mut l, &["a", "b", "c", "d"]).is_empty());
        assert_eq!(l.len(), 4);
    }

    #[test]
    fn scrolling_up_and_down() {
        let mut l = Log::default();
        merge(&mut l, &["e", "f", "g"]);
        // Scrolled up: older rows mounted, newest unmounted.
        assert_eq!(merge(&mut l, &["c", "d", "e", "f"]), vec!["c", "d"]);
        // Further up, the window no longer overlaps the end.
        assert_eq!(merge(&mut l, &["a", "b", "c"]), vec!["a", "b"]);
        // Back down, plus a new message.
        assert_eq!(merge(&mut l, &["f", "g", "h"]), vec!["h"]);
        assert_eq!(l.items, vec!["a", "b", "c", "d", "e", "f", "g", "h"]);
    }

    #[test]
    fn repeated_greetings_keep_their_count() {
        let mut l = Log::default();
        merge(&mut l, &["gm", "gm", "hi", "gm"]);
        assert!(merge(&mut l, &["gm", "hi", "gm"]).is_empty());
        assert_eq!(merge(&mut l, &["hi", "gm", "gm"]), vec!["gm"]);
        assert_eq!(l.items, vec!["gm", "gm", "hi", "gm", "gm"]);
    }

    #[test]
    fn window_larger_than_log_at_both_ends() {
        let mut l = Log::default();
        merge(&mut l, &["b", "c"]);
        assert_eq!(merge(&mut l, &["a", "b", "c", "d"]), vec!["a", "d"]);
        assert_eq!(l.items, vec!["a", "b", "c", "d"]);
    }

    #[test]
    fn a_row_inserted_between_known_rows_is_new_and_placed_there() {
        let mut l = Log::default();
        merge(&mut l, &["a", "b", "c", "d", "e"]);
        assert_eq!(merge(&mut l, &["a", "b", "late", "c", "d", "e"]), vec!["late"]);
        assert_eq!(l.items, vec!["a", "b", "late", "c", "d", "e"]);
        // Read again: nothing new, nothing twice.
        assert!(merge(&mut l, &["a", "b", "late", "c", "d", "e"]).is_empty());
        // Inserted and appended in one read.
        assert_eq!(merge(&mut l, &["c", "late2", "d", "e", "f"]), vec!["late2", "f"]);
        assert_eq!(l.items, vec!["a", "b", "late", "c", "late2", "d", "e", "f"]);
        // Index rebuilt: a later plain append still aligns.
        assert_eq!(merge(&mut l, &["e", "f", "g"]), vec!["g"]);
    }

    /// A window growing at its end, merged with `merge_grown`, gives the same
    /// new rows and log as merging it in full (repeated rows included).
    #[test]
    fn a_grown_window_merges_as_a_full_merge_does() {
        let rows = ["gm", "gm", "hi", "gm", "how are you", "gm", "gm", "ok", "gm", "bye"];
        let (mut full, mut grown) = (Log::default(), Log::default());
        merge(&mut full, &["old", "gm"]);
        merge(&mut grown, &["old", "gm"]);
        let (mut placed, mut short) = (None, 0);
        for n in 1..=rows.len() {
            let w = &rows[..n];
            let a = full.merge(w).0;
            let b = match placed.and_then(|p| grown.merge_grown(w, p)) {
                Some((new, m)) => {
                    placed = m.placed;
                    short += 1;
                    new
                }
                None => {
                    let (new, m) = grown.merge(w);
                    placed = m.placed;
                    new
                }
            };
            assert_eq!(a, b, "window of {n}");
            assert_eq!(full.items, grown.items, "window of {n}");
        }
        // Every step after the first went the short way.
        assert_eq!(short, rows.len() - 1);
        let p = placed.unwrap();
        assert_eq!((p.at, p.rows), (1, rows.len()));
    }

    #[test]
    fn a_grown_window_that_disagrees_or_a_reshaped_log_is_merged_in_full() {
        let mut l = Log::default();
        let (_, m) = l.merge(&["a", "b", "c"]);
        let p = m.placed.unwrap();
        // Rows already in the log after the window's end must agree with what grew.
        let mut other = Log::default();
        other.merge(&["a", "b", "c", "d"]);
        let (_, m2) = other.merge(&["a", "b"]);
        let p2 = m2.placed.unwrap();
        assert_eq!(p2.at, 0);
        assert!(other.merge_grown(&["a", "b", "x"], p2).is_none());
        assert_eq!(other.merge_grown(&["a", "b", "c", "d", "e"], p2).map(|r| r.0), Some(vec!["e"]));
        // Older rows placed before the log's first item reshape it.
        l.merge(&["z", "a"]);
        assert!(l.merge_grown(&["a", "b", "c", "d"], p).is_none());
        // A window shorter than the one merged is not one that grew.
        let (_, m3) = l.merge(&["z", "a", "b", "c"]);
        assert!(l.merge_grown(&["z", "a"], m3.placed.unwrap()).is_none());
    }

    #[test]
    fn unrelated_window_is_appended() {
        let mut l = Log::default();
        merge(&mut l, &["a", "b"]);
        assert_eq!(merge(&mut l, &["x", "y"]), vec!["x", "y"]);
    }
}
