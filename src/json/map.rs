//! Maps keyed by text: [`TextMap`], a JSON object's members by key, sorted. (No hash map: the
//! pricing module finds ids by sorting them, see `discounts::apply`.)

use std::collections::BTreeMap;
use std::fmt;

use super::write::{Object, WriteJson};

/// A JSON object's members with distinct text keys, sorted by key (byte order) as a
/// `BTreeMap<String, V>` holds them, and written in that order. A sorted `Vec`: the maps it
/// holds are small (one entry per cloud service type of an order), and the tree's insert,
/// clone and iteration code cost the pricing module about 6 KB before wasm-opt.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(from = "BTreeMap<String, V>", bound = "V: serde::Deserialize<'de>")
)]
pub struct TextMap<V> {
    members: Vec<(String, V)>,
}

impl<V> TextMap<V> {
    /// An empty map.
    pub const fn new() -> Self {
        Self {
            members: Vec::new(),
        }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.members.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`; a key already present takes the new value (as in a JSON object
    /// read by serde_json, the last member of a repeated name wins).
    pub fn insert(&mut self, key: &str, value: V) {
        match self.find(key) {
            Ok(i) => {
                if let Some(member) = self.members.get_mut(i) {
                    member.1 = value;
                }
            }
            Err(i) => self.members.insert(i, (key.to_owned(), value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key)
            .ok()
            .and_then(|i| self.members.get(i))
            .map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// The members in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.members.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there is no member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        Self::new()
    }
}

/// Already sorted and distinct.
impl<V> From<BTreeMap<String, V>> for TextMap<V> {
    fn from(map: BTreeMap<String, V>) -> Self {
        Self {
            members: map.into_iter().collect(),
        }
    }
}

impl<K: AsRef<str>, V> FromIterator<(K, V)> for TextMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(members: I) -> Self {
        let mut map = Self::new();
        for (k, v) in members {
            map.insert(k.as_ref(), v);
        }
        map
    }
}

/// As a map: `{"a": true}`.
impl<V: fmt::Debug> fmt::Debug for TextMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: WriteJson> WriteJson for TextMap<V> {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        for (k, v) in &self.members {
            v.write_json(o.key_text(k));
        }
        o.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against `BTreeMap` and serde_json: the same lookups, order, last-wins and JSON text.
    #[test]
    fn behaves_as_a_btree_map() {
        let keys = ["b\"\n", "a", "", "中", "a", "ab", "B", "b\"\n", "zz", "a"];
        let mut map = TextMap::new();
        let mut tree = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            let first = i % 3 == 0;
            map.insert(k, first);
            tree.insert((*k).to_owned(), first);
            assert_eq!(map.len(), tree.len());
            assert_eq!(map.to_json(), serde_json::to_string(&tree).unwrap());
            for probe in keys.iter().chain(&["c", "aa", "b"]) {
                assert_eq!(map.get(probe), tree.get(*probe), "{probe:?}");
                assert_eq!(map.contains_key(probe), tree.contains_key(*probe));
            }
        }
        assert_eq!(
            map.iter()
                .map(|(k, v)| (k.to_owned(), *v))
                .collect::<Vec<_>>(),
            tree.clone().into_iter().collect::<Vec<_>>()
        );
        assert_eq!(TextMap::from(tree.clone()), map);
        assert_eq!(
            keys.iter()
                .map(|k| (k, false))
                .collect::<TextMap<_>>()
                .len(),
            7
        );
        assert_eq!(format!("{map:?}"), format!("{tree:?}"));
        let text = r#"{"x":true,"a":false,"x":false}"#;
        let read: TextMap<bool> = serde_json::from_str(text).unwrap();
        let expected: BTreeMap<String, bool> = serde_json::from_str(text).unwrap();
        assert_eq!(read, TextMap::from(expected));
        assert!(TextMap::<bool>::default().is_empty());
        assert_eq!(TextMap::<bool>::new().to_json(), "{}");
    }
}
