//! A map from `String` keys kept as a sorted `Vec` (binary search), for the stores'
//! per-contact maps (at most 500 entries each). It iterates in key order like the
//! `BTreeMap` it replaces, but a `BTreeMap` monomorph per value type cost the
//! content script's WebAssembly several KB each; this is a few small functions.
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct SortedMap<V> {
    items: Vec<(String, V)>,
}

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap { items: Vec::new() }
    }
}

pub type Pair<V> = (String, V);

impl<V> SortedMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.items.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.items[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.items[i].1)
    }

    /// Inserts or replaces; returns the value replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.items[i].1, value)),
            Err(i) => {
                self.items.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.items.remove(i).1)
    }

    /// The value for `key`, inserted with its default if absent.
    pub fn entry_or_default(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                self.items.insert(i, (key.to_string(), V::default()));
                i
            }
        };
        &mut self.items[i].1
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.items.retain_mut(|(k, v)| keep(k, v));
    }

    /// In key order.
    pub fn iter(&self) -> Iter<'_, V> {
        self.items.iter().map(pair as fn(&Pair<V>) -> (&String, &V))
    }
}

pub type Iter<'a, V> = std::iter::Map<std::slice::Iter<'a, Pair<V>>, fn(&'a Pair<V>) -> (&'a String, &'a V)>;

fn pair<V>(p: &Pair<V>) -> (&String, &V) {
    (&p.0, &p.1)
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V> std::ops::Index<&str> for SortedMap<V> {
    type Output = V;
    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no entry for this key")
    }
}

// serde as a map, like BTreeMap (for tests and tools; the stores use state::json).
impl<V: Serialize> Serialize for SortedMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SortedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(SortedMap { items: BTreeMap::<String, V>::deserialize(d)?.into_iter().collect() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut m = SortedMap::new();
        let mut b = BTreeMap::new();
        let keys = ["fb:3", "t:a", "fb:10", "", "fb:3", "z", "fb:1", "t:a", "é", "A"];
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(m.insert(k.to_string(), i), b.insert(k.to_string(), i), "{k}");
            assert_eq!(m.iter().collect::<Vec<_>>(), b.iter().collect::<Vec<_>>());
        }
        *m.entry_or_default("new") += 5;
        *b.entry("new".to_string()).or_default() += 5;
        *m.entry_or_default("z") += 1;
        *b.entry("z".to_string()).or_default() += 1;
        for k in keys.iter().chain(&["missing", "new"]) {
            assert_eq!(m.get(k), b.get(*k));
            assert_eq!(m.contains_key(k), b.contains_key(*k));
        }
        assert_eq!(m.remove("fb:10"), b.remove("fb:10"));
        assert_eq!(m.remove("fb:10"), None);
        m.retain(|k, v| k.len() > 1 && *v % 2 == 0);
        b.retain(|k, v| k.len() > 1 && *v % 2 == 0);
        assert_eq!((&m).into_iter().collect::<Vec<_>>(), b.iter().collect::<Vec<_>>());
        assert_eq!(m.len(), b.len());
        assert_eq!(serde_json::to_value(&m).unwrap(), serde_json::to_value(&b).unwrap());
        let back: SortedMap<usize> = serde_json::from_value(serde_json::to_value(&b).unwrap()).unwrap();
        assert_eq!(back, m);
    }
}
