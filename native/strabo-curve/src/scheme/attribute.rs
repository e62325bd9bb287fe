//! GeoMesa's `attribute` partition scheme: one partition per attribute value.

/// Partitions by the value of one attribute, optionally restricted to an allow-list; rows with
/// a null or disallowed value go to the default partition.
///
/// Values are taken as GeoMesa writes them for string attributes, unescaped (GeoMesa escapes
/// nothing in partition paths). Other types are lexicoded by GeoMesa first, which this crate
/// does not do: callers must pass the lexicoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeScheme {
    attribute: String,
    allowed: Vec<String>,
    default_partition: String,
}

impl AttributeScheme {
    /// A scheme over `attribute`; `allow_list` is GeoMesa's comma-separated option (entries
    /// trimmed) and `default_partition` falls back to the first allowed value, or "".
    pub(crate) fn new(
        attribute: &str,
        allow_list: Option<&str>,
        default_partition: Option<&str>,
    ) -> Result<Self, String> {
        let allowed: Vec<String> = allow_list
            .map(|l| l.split(',').map(|v| v.trim().to_owned()).collect())
            .unwrap_or_default();
        let default_partition = default_partition
            .map(str::to_owned)
            .or_else(|| allowed.first().cloned())
            .unwrap_or_default();
        if !allowed.is_empty() && !allowed.contains(&default_partition) {
            return Err(default_partition);
        }
        Ok(Self {
            attribute: attribute.to_owned(),
            allowed,
            default_partition,
        })
    }

    /// The partitioned attribute (`partitioned-attribute`).
    pub fn attribute(&self) -> &str {
        &self.attribute
    }

    /// The allow-list; empty when every value gets its own partition.
    pub fn allowed(&self) -> &[String] {
        &self.allowed
    }

    /// Where null and disallowed values go.
    pub fn default_partition(&self) -> &str {
        &self.default_partition
    }

    /// The partition of a row with attribute value `value`.
    pub fn partition(&self, value: Option<&str>) -> String {
        match value {
            Some(v) if self.allowed.is_empty() || self.allowed.iter().any(|a| a == v) => {
                v.to_owned()
            }
            _ => self.default_partition.clone(),
        }
    }

    /// The partitions that may hold rows whose value is one of `values`, or `None` for any
    /// value without an allow-list. Unlike GeoMesa, a value outside the allow-list keeps the
    /// default partition, where such rows were written.
    pub fn partitions(&self, values: Option<&[String]>) -> Option<Vec<String>> {
        let Some(values) = values else {
            return (!self.allowed.is_empty()).then(|| self.allowed.clone());
        };
        let mut names: Vec<String> = values.iter().map(|v| self.partition(Some(v))).collect();
        names.sort();
        names.dedup();
        Some(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // PartitionSchemeTest.scala "partition based on attribute": the row's name is the partition,
    // and `name IN ('foo', 'bar')` touches "foo" and "bar".
    #[test]
    fn partitions_by_value() {
        let scheme = AttributeScheme::new("name", None, None).unwrap();
        assert_eq!(scheme.partition(Some("test")), "test");
        let query = ["foo".to_owned(), "bar".to_owned()];
        assert_eq!(
            scheme.partitions(Some(&query)),
            Some(vec!["bar".to_owned(), "foo".to_owned()])
        );
        assert_eq!(scheme.partitions(None), None);
    }

    // PartitionSchemeTest.scala "partition based on allow list containing attribute value".
    #[test]
    fn allowed_values_keep_their_partition() {
        let scheme = AttributeScheme::new("name", Some("test, bar"), None).unwrap();
        assert_eq!(scheme.partition(Some("test")), "test");
        assert_eq!(
            scheme.partitions(Some(&["test".to_owned()])),
            Some(vec!["test".to_owned()])
        );
    }

    // PartitionSchemeTest.scala "… not containing attribute value and default partition
    // defaults to allow list head": "test" is written to "bar". GeoMesa then prunes the query
    // `name IN ('test')` to no partitions; Strabo keeps "bar", where the row is.
    #[test]
    fn disallowed_values_go_to_the_default_partition() {
        let scheme = AttributeScheme::new("name", Some("bar"), None).unwrap();
        assert_eq!(scheme.partition(Some("test")), "bar");
        assert_eq!(scheme.partition(None), "bar");
        assert_eq!(
            scheme.partitions(Some(&["test".to_owned()])),
            Some(vec!["bar".to_owned()])
        );
        assert_eq!(scheme.partitions(None), Some(vec!["bar".to_owned()]));
    }

    // PartitionSchemeTest.scala "exception thrown for when allow-list does not contain default-partition".
    #[test]
    fn the_default_must_be_allowed() {
        assert_eq!(
            AttributeScheme::new("name", Some("bar"), Some("foo")),
            Err("foo".to_owned())
        );
    }
}
