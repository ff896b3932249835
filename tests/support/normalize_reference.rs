//! The normaliser as it was before its single-pass rewrite (three passes over
//! per-character buffers), kept as the definition the shipped one is checked against:
//! tests/engine_props.rs compares both, text and byte map, on arbitrary text. Changed
//! since only where marked (the spelled-out Devanagari of the last pass).
#![allow(dead_code)]

use saavdhan::engine::normalize::internals::{class, fold, is_indic, is_lone_vowel, is_sentence_mark, is_short_word, is_spelled_letter, is_syllable, leet, spelled_out, syllable_script, JOINER, LEET, LETTER, WORD};
use saavdhan::engine::normalize::ABBREVIATIONS;

const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] |= WORD;
        }
        if c.is_ascii_alphabetic() {
            t[b] |= LETTER;
        }
        if matches!(c, b'0' | b'1' | b'3' | b'4' | b'5' | b'7' | b'@' | b'$' | b'!') {
            t[b] |= LEET;
        }
        if matches!(c, b'.' | b'-' | b'_' | b'*' | b'\'' | b'`') {
            t[b] |= JOINER;
        }
        b += 1;
    }
    t
};

/// The reference's output: the padded text and, per byte, its original range.
#[derive(Default)]
pub struct Normalized {
    pub text: String,
    pub src: Vec<(u32, u32)>,
}

#[derive(Default)]
struct Scratch {
    units: Vec<U>,
    flat: Vec<U>,
    words: Vec<(usize, usize)>,
}

pub fn normalize_mapped(text: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_with(text, &mut Scratch::default(), &mut out);
    out
}

fn expansion_key(w: &[U]) -> Option<u64> {
    if w.len() > 7 {
        return None;
    }
    let mut key = 0u64;
    for i in 0..8 {
        key <<= 8;
        if let Some(u) = w.get(i) {
            if !u.c.is_ascii_alphabetic() {
                return None;
            }
            key |= u.c as u64;
        }
    }
    Some(key)
}

fn expansion(w: &[U]) -> Option<&'static str> {
    let key = expansion_key(w)?;
    ABBREVIATIONS.iter().find(|(k, _)| {
        let mut p = 0u64;
        for i in 0..8 {
            p = (p << 8) | k.as_bytes().get(i).map_or(0, |&b| b as u64);
        }
        p == key
    }).map(|(_, x)| *x)
}

#[derive(Clone, Copy)]
struct U {
    c: char,
    /// `class(c)`, worked out once per character (the steps below ask it many times).
    k: u8,
    s: u32,
    e: u32,
}

impl U {
    fn new(c: char, s: u32, e: u32) -> U {
        U { c, k: class(c), s, e }
    }
    fn is(&self, k: u8) -> bool {
        self.k & k != 0
    }
}

fn normalize_with(text: &str, scratch: &mut Scratch, out: &mut Normalized) {
    let Scratch { units, flat, words } = scratch;
    units.clear();
    flat.clear();
    words.clear();
    out.text.clear();
    out.src.clear();
    // 1. Character folding, remembering where each character came from.
    // ASCII first, without decoding or calling the fold.
    units.reserve(text.len());
    let bytes = text.as_bytes();
    // Since the rewrite: capitals O and I that stand for digits, found by whole runs of
    // digits, those letters, commas and dots that begin with a digit and touch no
    // other ASCII letter.
    let lookalike = number_lookalikes(bytes);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            let mut l = b.to_ascii_lowercase();
            if lookalike[i] {
                l = if b == b'O' { b'0' } else { b'1' };
            }
            units.push(U { c: char::from(l), k: ASCII_CLASS[l as usize], s: i as u32, e: i as u32 + 1 });
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let (s, e) = (i as u32, (i + c.len_utf8()) as u32);
        fold(c, &mut |f| units.push(U::new(f, s, e)));
        i = e as usize;
    }

    // 2. Raw tokens (split at separators); inside each: leet, joiners, splits, repeats.
    // Words are ranges of one flat buffer (no allocation per word).
    flat.reserve(units.len());
    // Since the rewrite: the words that follow a sentence mark (no spelled-out run crosses it).
    let mut brk: Vec<bool> = Vec::new();
    let mut pending = false;
    let mut i = 0;
    while i < units.len() {
        if !units[i].is(WORD | LEET | JOINER) {
            pending |= is_sentence_mark(units[i].c);
            i += 1;
            continue;
        }
        let start = i;
        while i < units.len() && units[i].is(WORD | LEET | JOINER) {
            i += 1;
        }
        // Since round thirty-two: an "@" that is a raw token by itself, right after a word
        // that is a single ASCII letter, is a word of its own (the step below holds it in
        // the letters' run like a leet digit); elsewhere it makes no word, as before.
        let after_letter = words.last().is_some_and(|&(s, e)| e - s == 1 && flat[s].c.is_ascii_alphabetic());
        if i - start == 1 && units[start].c == '@' && after_letter {
            flat.push(units[start]);
            words.push((flat.len() - 1, flat.len()));
            brk.push(false);
            continue;
        }
        let before = words.len();
        token_words(&mut units[start..i], flat, words);
        brk.resize(words.len(), false);
        if pending && words.len() > before {
            brk[before] = true;
            pending = false;
        }
    }

    // 3. Padded output with the byte map, word by word; a run of three or more
    // single ASCII letters is one spaced-out word, joined (rare: one buffer for it).
    // Since the rewrite: single digits too ("8 0 0 0"), in runs of their own.
    let single = |w: &(usize, usize)| w.1 - w.0 == 1 && flat[w.0].c.is_ascii_alphanumeric();
    let digit = |w: &(usize, usize)| flat[w.0].c.is_ascii_digit();
    let mut joined: Vec<U> = Vec::new();
    out.text.reserve(text.len() + 2);
    out.src.reserve(text.len() + 2);
    let mut prev_end = 0u32;
    out.text.push(' ');
    out.src.push((0, 0));
    // Since the rewrite: a run of one-syllable Devanagari words may be a word spelled
    // out (the same decision, `spelled_out`, as the shipped normaliser).
    let syl = |w: &(usize, usize)| is_syllable(flat[w.0..w.1].iter().map(|u| u.c));
    // The spelled-out part of the syllables words[j..k], if any.
    let joined_at = |j: usize, k: usize| {
        let short: Vec<bool> = words[j..k].iter().map(|w| is_short_word(flat[w.0..w.1].iter().map(|u| u.c))).collect();
        let bare: Vec<bool> = words[j..k].iter().map(|w| is_spelled_letter(&flat[w.0..w.1].iter().map(|u| u.c).collect::<Vec<_>>())).collect();
        let vowel: Vec<bool> = words[j..k].iter().map(|w| is_lone_vowel(flat[w.0..w.1].iter().map(|u| u.c))).collect();
        if k - j >= 3 { spelled_out(&short, &bare, &vowel) } else { None }
    };
    let mut j = 0;
    while j < words.len() {
        let mut k = j;
        // Since the rewrite: the run is of one script.
        let script = |k: usize| syllable_script(flat[words[k].0].c);
        while k < words.len() && syl(&words[k]) && script(k) == script(j) && (k == j || !brk[k] || joined_at(j, k).is_none()) {
            k += 1;
        }
        if k > j {
            let n = k - j;
            let short: Vec<bool> = words[j..k].iter().map(|w| is_short_word(flat[w.0..w.1].iter().map(|u| u.c))).collect();
            let bare: Vec<bool> = words[j..k].iter().map(|w| is_spelled_letter(&flat[w.0..w.1].iter().map(|u| u.c).collect::<Vec<_>>())).collect();
            let vowel: Vec<bool> = words[j..k].iter().map(|w| is_lone_vowel(flat[w.0..w.1].iter().map(|u| u.c))).collect();
            let (a, b) = if n >= 3 { spelled_out(&short, &bare, &vowel).unwrap_or((n, n)) } else { (n, n) };
            for m in 0..n {
                if m < a || m >= b {
                    let (s, e) = words[j + m];
                    emit(out, &mut prev_end, &flat[s..e]);
                } else if m == a {
                    joined.clear();
                    for w in &words[j + a..j + b] {
                        for &u in &flat[w.0..w.1] {
                            push_collapsing(&mut joined, u);
                        }
                    }
                    emit(out, &mut prev_end, &joined);
                }
            }
            j = k;
            continue;
        }
        let mut k = j;
        // Since the rewrite: a wider gap in the original text than the one before it
        // ends a run of three or more spaced letters that are not all one letter.
        let gap = |k: usize| flat[words[k].0].s.saturating_sub(flat[words[k - 1].0].e);
        let distinct = |k: usize| words[j..k].iter().any(|w| flat[w.0].c != flat[words[j].0].c);
        // Since round twenty-one: leet digits among spaced letters ("w h 4 t s 4 p p").
        let units = |a: usize, b: usize| words[a..b].iter().map(|w| flat[w.0]).collect::<Vec<U>>();
        // Since round thirty-two: an "@" word (see step 2) is held in a run of spaced letters
        // like a leet digit, a letter "a" if the run is spelled out up to a letter after it;
        // else dropped. It never begins a run (a wider gap before it ended its letters' run).
        let at_sign = |k: usize| flat[words[k].0].c == '@';
        if at_sign(j) {
            j += 1;
            continue;
        }
        if single(&words[j]) && !digit(&words[j]) {
            let leet_digit = |k: usize| digit(&words[k]) && flat[words[k].0].is(LEET);
            while k < words.len() && (at_sign(k) || single(&words[k]) && (!digit(&words[k]) || leet_digit(k))) && !(k >= j + 3 && gap(k) > gap(k - 1) && spelled_ref(&units(j, k))) {
                k += 1;
            }
            let run = units(j, k);
            let last = run.iter().rposition(|u| u.is(LETTER)).map_or(0, |x| x + 1);
            // Stopped by a digit that is no leet, or by a wider gap before a digit (since the
            // idempotence fix of 12-01): the held digits after the letters begin its number.
            let upto = if k < words.len() && single(&words[k]) && digit(&words[k]) { last } else { run.len() };
            let mut at = if spelled_ref(&run) { last } else { 0 };
            // Since round forty-three: one leet digit after the last letter that ends the run
            // is the word's last letter ("w h @ t s @ p p n 0"); an "@" after that digit makes
            // nothing (step 2's "@" is held only right after a letter), so it may follow.
            if at > 0 && upto == run.len() && last < run.len() && run[last].c.is_ascii_digit() && run[last + 1..].iter().all(|u| u.c == '@') {
                at = last + 1;
            }
            // Since norm1: two spaced letters before a wider gap and a spaced letter are a short
            // word of their own when a word is spelled out after them ("u r  W h a t s A p p").
            if run.len() > 2 && run[..3].iter().all(|u| u.is(LETTER)) && gap(j + 2) > gap(j + 1) && spelled_ref(&run[2..upto]) {
                joined.clear();
                push_collapsing(&mut joined, run[0]);
                push_collapsing(&mut joined, run[1]);
                emit(out, &mut prev_end, &joined);
                j += 2;
                continue;
            }
            let mut segs: Vec<Vec<U>> = Vec::new();
            if at > 0 {
                segs.push(run[..at].iter().map(|u| U::new(leet(u.c).unwrap_or(u.c), u.s, u.e)).collect());
            }
            // The "@"s not in the word are dropped (those after its letters before a digit that
            // is no leet too: the next run, of digits, begins after them).
            for &u in run[at.min(upto)..upto].iter().filter(|u| u.c != '@') {
                match segs.last_mut() {
                    Some(g) if g[0].is(LETTER) == u.is(LETTER) => g.push(u),
                    _ => segs.push(vec![u]),
                }
            }
            for g in segs {
                if g.len() >= 3 {
                    joined.clear();
                    for &u in &g {
                        push_collapsing(&mut joined, u);
                    }
                    emit(out, &mut prev_end, &joined);
                } else {
                    for u in g {
                        emit(out, &mut prev_end, &[u]);
                    }
                }
            }
            j += upto;
            continue;
        }
        while k < words.len() && single(&words[k]) && digit(&words[k]) == digit(&words[j]) && !(k >= j + 3 && gap(k) > gap(k - 1) && distinct(k)) {
            k += 1;
        }
        if k > j && k - j < 3 {
            // Fewer than three: each on its own.
            for m in j..k {
                let (s, e) = words[m];
                emit(out, &mut prev_end, &flat[s..e]);
            }
            j = k;
            continue;
        }
        let w: &[U] = if k - j >= 3 {
            joined.clear();
            for word in &words[j..k] {
                push_collapsing(&mut joined, flat[word.0]);
            }
            j = k;
            &joined
        } else {
            let (s, e) = words[j];
            j += 1;
            &flat[s..e]
        };
        emit(out, &mut prev_end, w);
    }
    out.text.push(' ');
    out.src.push((prev_end, prev_end));
}

/// Since round twenty-one: a run of spaced letters with leet digits among them is a word
/// spelled out (the shipped normaliser's `spelled`, written again).
fn spelled_ref(run: &[U]) -> bool {
    let n = run.iter().rposition(|u| u.is(LETTER)).map_or(0, |x| x + 1);
    let head = &run[..n];
    let letters = head.iter().filter(|u| u.is(LETTER)).count();
    let alone = (0..n).all(|i| head[i].is(LETTER) || (i > 0 && i + 1 < n && head[i - 1].is(LETTER) && head[i + 1].is(LETTER)));
    letters >= 3 && 2 * letters > n && head.iter().any(|u| u.is(LETTER) && u.c != head[0].c) && alone
}

fn number_lookalikes(bytes: &[u8]) -> Vec<bool> {
    let mut mask = vec![false; bytes.len()];
    let member = |b: u8| b.is_ascii_digit() || b",.OI".contains(&b);
    let mut s = 0;
    while s < bytes.len() {
        if !member(bytes[s]) {
            s += 1;
            continue;
        }
        let mut e = s;
        while e < bytes.len() && member(bytes[e]) {
            e += 1;
        }
        let open = s == 0 || !bytes[s - 1].is_ascii_alphabetic();
        let close = e == bytes.len() || !bytes[e].is_ascii_alphabetic();
        if bytes[s].is_ascii_digit() && open && close {
            for m in s..e {
                mask[m] = bytes[m].is_ascii_alphabetic();
            }
        }
        s = e;
    }
    mask
}

fn emit(out: &mut Normalized, prev_end: &mut u32, w: &[U]) {
    if out.text.len() > 1 {
        // Not the first word (words are never empty).
        out.text.push(' ');
        out.src.push((*prev_end, w[0].s));
    }
    if let Some(x) = expansion(w) {
        let span = (w[0].s, w[w.len() - 1].e);
        out.text.push_str(x);
        out.src.extend(std::iter::repeat_n(span, x.len()));
        *prev_end = span.1;
        return;
    }
    for u in w {
        if u.c.is_ascii() {
            out.text.push(u.c);
            out.src.push((u.s, u.e));
            continue;
        }
        let mut buf = [0u8; 4];
        let enc = u.c.encode_utf8(&mut buf);
        out.text.push_str(enc);
        out.src.extend(std::iter::repeat_n((u.s, u.e), enc.len()));
    }
    *prev_end = w.last().map(|u| u.e).unwrap_or(*prev_end);
}

fn push_collapsing(w: &mut Vec<U>, u: U) {
    if let Some(last) = w.last_mut() {
        if last.c == u.c && u.is(LETTER) {
            last.e = last.e.max(u.e);
            return;
        }
    }
    w.push(u);
}

/// One raw token (word characters, leet symbols, joiners) → words.
fn token_words(t: &mut [U], flat: &mut Vec<U>, words: &mut Vec<(usize, usize)>) {
    let ascii_letter = |c: char| c.is_ascii_alphabetic();
    // Leet: a run of leet characters becomes letters if it touches an ASCII letter and
    // is either a single character or lies between letters ("wh@ts@pp", "v1de0"),
    // so "5000rs" and "10k" keep their numbers.
    let mut i = 0;
    while i < t.len() {
        if !t[i].is(LEET) {
            i += 1;
            continue;
        }
        let s = i;
        while i < t.len() && t[i].is(LEET) {
            i += 1;
        }
        let before = s > 0 && ascii_letter(t[s - 1].c);
        let after = i < t.len() && ascii_letter(t[i].c);
        // Since round twenty-one: one leet character with a single letter beyond a joiner on
        // both sides ("W-h-@-t-s-@-p-p") is inside the word.
        let single = |l: usize| ascii_letter(t[l].c) && (l == 0 || !t[l - 1].is(WORD)) && (l + 1 >= t.len() || !t[l + 1].is(WORD));
        let joined = |k: usize, l: usize| k < t.len() && l < t.len() && t[k].is(JOINER) && single(l);
        let (before, after) = if i - s == 1 && s > 1 && joined(s - 1, s - 2) && joined(i, i + 1) { (true, true) } else { (before, after) };
        // Since the rewrite: a run next to a digit that is no leet is part of a number.
        let digit_next = (s > 0 && t[s - 1].c.is_ascii_digit()) || (i < t.len() && t[i].c.is_ascii_digit());
        // "!" is a letter only between letters ("v!deo"), never at a word's end ("hello!").
        let bang = t[s..i].iter().any(|u| u.c == '!');
        // Since the rewrite: "11" after a vowel is a double "l" ("ca11", "wa11et"): a double "i" is no
        // English spelling. After a consonant ("rs11,240", "₹11", "xx11") or before
        // letters only ("11am") it is a number.
        let vowel_before = s > 0 && matches!(t[s - 1].c, 'a' | 'e' | 'i' | 'o' | 'u');
        if vowel_before && !digit_next && i - s == 2 && t[s].c == '1' && t[s + 1].c == '1' {
            for u in &mut t[s..i] {
                *u = U::new('l', u.s, u.e);
            }
            continue;
        }
        if !digit_next && ((before && after) || ((before || after) && i - s == 1 && !bang)) {
            for u in &mut t[s..i] {
                *u = U::new(leet(u.c).unwrap_or(u.c), u.s, u.e);
            }
        }
    }
    // Joiners between word characters vanish ("whats.app"); elsewhere they separate.
    // Letter/digit boundaries separate. Repeated letters collapse.
    let mut start = flat.len();
    let close = |flat: &mut Vec<U>, words: &mut Vec<(usize, usize)>, start: &mut usize| {
        if flat.len() > *start {
            words.push((*start, flat.len()));
        }
        *start = flat.len();
    };
    for k in 0..t.len() {
        let u = t[k];
        if !u.is(WORD) {
            let joins = u.is(JOINER) && k > 0 && k + 1 < t.len() && t[k - 1].is(WORD) && t[k + 1].is(WORD);
            if !joins {
                close(flat, words, &mut start);
            }
            continue;
        }
        if flat.len() > start {
            let last = flat[flat.len() - 1];
            if last.is(LETTER) != u.is(LETTER) || last.c.is_ascii_alphabetic() != u.c.is_ascii_alphabetic() && (is_indic(last.c) || is_indic(u.c)) {
                // Since the rewrite: Latin letters and an Indic script meet: two words ("group-ல", "YouTube-এ").
                close(flat, words, &mut start);
            } else if last.c == u.c && u.is(LETTER) {
                let l = flat.len() - 1;
                flat[l].e = flat[l].e.max(u.e);
                continue;
            }
        }
        flat.push(u);
    }
    close(flat, words, &mut start);
}

