//! Where a store is, and the object-store client that reaches it: one client per store per
//! process, built from the settings a Spark user already has.
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use hdfs_native_object_store::HdfsObjectStoreBuilder;
use object_store::aws::AmazonS3Builder;
use object_store::azure::MicrosoftAzureBuilder;
use object_store::gcp::GoogleCloudStorageBuilder;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreScheme};
use url::Url;

use crate::StoreError;

/// The URI schemes a store may have, besides a local path.
pub const SCHEMES: &[&str] = &[
    "file", "s3", "s3a", "gs", "abfs", "abfss", "az", "azure", "adl", "hdfs", "viewfs",
];

/// A store's URI and the settings that reach it: object_store's own keys (`aws_endpoint`,
/// `azure_storage_account_key`, `google_service_account`, ...) and Hadoop's (`fs.s3a.*`,
/// `fs.azure.*`, `fs.gs.*`; `fs.defaultFS`, `dfs.*` and `fs.viewfs.*` for HDFS). Other keys
/// are ignored, so a caller may pass all its options.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Location {
    pub uri: String,
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
}

impl Location {
    pub fn new(uri: &str) -> Location {
        Location {
            uri: uri.to_owned(),
            settings: BTreeMap::new(),
        }
    }
}

/// An object-store client, shared by every store that reaches the same bucket with the same
/// settings: its connection pool and credentials outlive one call.
pub(crate) struct Client {
    pub objects: Arc<dyn ObjectStore>,
    /// Whether the storage was seen to create an object only if absent, which commits need;
    /// a client that needs no check starts true.
    creates_if_absent: AtomicBool,
}

/// Clients by scheme and authority (`s3://bucket`) and their object_store settings.
type ClientKey = (String, Vec<(String, String)>);

static CLIENTS: LazyLock<Mutex<HashMap<ClientKey, Arc<Client>>>> = LazyLock::new(Mutex::default);

/// The client and the root path of a remote store's URI.
pub(crate) fn remote_client(
    url: &Url,
    location: &Location,
) -> Result<(Arc<Client>, Path), StoreError> {
    let unsupported = || {
        StoreError::Unsupported(format!(
            "Strabo cannot open a store at '{}': scheme '{}' is not served; the served schemes are {} (or a local path)",
            url.as_str(),
            url.scheme(),
            SCHEMES.join(", ")
        ))
    };
    let hdfs = matches!(url.scheme(), "hdfs" | "viewfs");
    if !SCHEMES.contains(&url.scheme()) {
        return Err(unsupported());
    }
    let (scheme, root) = if hdfs {
        let root = Path::parse(url.path())
            .map_err(|e| StoreError::Schema(format!("store URI '{url}': {e}")))?;
        (None, root)
    } else {
        let (scheme, root) = ObjectStoreScheme::parse(url).map_err(|_| unsupported())?;
        (Some(scheme), root)
    };
    let config = match &scheme {
        Some(scheme) => client_config(scheme, url, &location.settings),
        None => hdfs_settings(&location.settings),
    };
    let key = (
        url[..url::Position::BeforePath].to_owned(),
        config.clone().into_iter().collect(),
    );
    let mut clients = CLIENTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(client) = clients.get(&key) {
        return Ok((client.clone(), root));
    }
    let objects: Arc<dyn ObjectStore> = match scheme {
        // HDFS's name node (or name service) is the URI's authority; the client's tasks run on
        // the store's I/O runtime rather than on a runtime of their own.
        None => Arc::new(
            HdfsObjectStoreBuilder::new()
                .with_url(&url[..url::Position::BeforePath])
                .with_config(config)
                .with_io_runtime(crate::IO_RUNTIME.handle().clone())
                .build()?,
        ),
        Some(ObjectStoreScheme::AmazonS3) => Arc::new(
            configured(AmazonS3Builder::from_env(), &config, |b, k, v| {
                b.with_config(k, v)
            })
            .with_url(url.as_str())
            .build()?,
        ),
        Some(ObjectStoreScheme::MicrosoftAzure) => Arc::new(
            configured(MicrosoftAzureBuilder::from_env(), &config, |b, k, v| {
                b.with_config(k, v)
            })
            .with_url(url.as_str())
            .build()?,
        ),
        Some(ObjectStoreScheme::GoogleCloudStorage) => Arc::new(
            configured(GoogleCloudStorageBuilder::from_env(), &config, |b, k, v| {
                b.with_config(k, v)
            })
            .with_url(url.as_str())
            .build()?,
        ),
        Some(_) => return Err(unsupported()),
    };
    let client = Client::unverified(objects);
    clients.insert(key, client.clone());
    Ok((client, root))
}

/// `builder` with each setting whose key its config keys `K` name.
fn configured<B, K: std::str::FromStr>(
    builder: B,
    config: &BTreeMap<String, String>,
    set: impl Fn(B, K, &String) -> B,
) -> B {
    config
        .iter()
        .fold(builder, |builder, (key, value)| match key.parse() {
            Ok(key) => set(builder, key, value),
            Err(_) => builder,
        })
}

impl Client {
    /// A client of the local disk, whose conditional creates need no check.
    pub fn local(objects: Arc<dyn ObjectStore>) -> Arc<Client> {
        Arc::new(Client {
            objects,
            creates_if_absent: AtomicBool::new(true),
        })
    }

    /// A client whose storage is checked before its first commit.
    pub fn unverified(objects: Arc<dyn ObjectStore>) -> Arc<Client> {
        Arc::new(Client {
            objects,
            creates_if_absent: AtomicBool::new(false),
        })
    }

    pub fn verified(&self) -> bool {
        self.creates_if_absent.load(Ordering::Relaxed)
    }

    pub fn set_verified(&self) {
        self.creates_if_absent.store(true, Ordering::Relaxed)
    }
}

/// The object_store settings of a URI: the caller's object_store keys for its scheme, over the
/// Hadoop keys translated (a bucket's own Hadoop keys over the general ones).
fn client_config(
    scheme: &ObjectStoreScheme,
    url: &Url,
    settings: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let (own_prefix, hadoop) = match scheme {
        ObjectStoreScheme::AmazonS3 => ("aws_", s3a_settings(url, settings)),
        ObjectStoreScheme::MicrosoftAzure => ("azure_", azure_settings(url, settings)),
        ObjectStoreScheme::GoogleCloudStorage => ("google_", gs_settings(settings)),
        _ => ("", BTreeMap::new()),
    };
    let mut config = hadoop;
    for (key, value) in settings {
        let key = key.to_ascii_lowercase();
        if !own_prefix.is_empty() && key.starts_with(own_prefix) {
            config.insert(key, value.clone());
        }
    }
    config
}

/// S3A's settings (`fs.s3a.<key>`, and `fs.s3a.bucket.<bucket>.<key>` over them) as
/// object_store's.
fn s3a_settings(url: &Url, settings: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let bucket_prefix = format!("fs.s3a.bucket.{}.", url.host_str().unwrap_or_default());
    let get = |key: &str| {
        settings
            .get(&format!("{bucket_prefix}{key}"))
            .or_else(|| settings.get(&format!("fs.s3a.{key}")))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut config = BTreeMap::new();
    for (hadoop, own) in [
        ("access.key", "aws_access_key_id"),
        ("secret.key", "aws_secret_access_key"),
        ("session.token", "aws_session_token"),
        ("endpoint.region", "aws_region"),
    ] {
        if let Some(value) = get(hadoop) {
            config.insert(own.to_owned(), value);
        }
    }
    let ssl = get("connection.ssl.enabled").is_none_or(|v| !v.eq_ignore_ascii_case("false"));
    if let Some(endpoint) = get("endpoint") {
        let endpoint = if endpoint.contains("://") {
            endpoint
        } else {
            format!("{}://{endpoint}", if ssl { "https" } else { "http" })
        };
        if endpoint.starts_with("http://") {
            config.insert("aws_allow_http".into(), "true".into());
        }
        config.insert("aws_endpoint".into(), endpoint);
    }
    if get("path.style.access").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        config.insert("aws_virtual_hosted_style_request".into(), "false".into());
    }
    if get("aws.credentials.provider")
        .is_some_and(|v| v.ends_with("AnonymousAWSCredentialsProvider"))
    {
        config.insert("aws_skip_signature".into(), "true".into());
    }
    config
}

/// The ABFS driver's settings of the URI's account, as object_store's.
fn azure_settings(url: &Url, settings: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let host = url.host_str().unwrap_or_default();
    let mut config = BTreeMap::new();
    for (hadoop, own) in [
        ("fs.azure.account.key.", "azure_storage_account_key"),
        ("fs.azure.sas.fixed.token.", "azure_storage_sas_key"),
    ] {
        // The key names the account's host, `dfs` or `blob` alike.
        let account = host.split('.').next().unwrap_or_default();
        let value = settings.iter().find(|(key, _)| {
            key.strip_prefix(hadoop)
                .is_some_and(|rest| rest == host || rest.split('.').next() == Some(account))
        });
        if let Some((_, value)) = value {
            config.insert(own.to_owned(), value.clone());
        }
    }
    config
}

/// The HDFS client's settings, as Hadoop names them (`hdfs-native` reads the same names, over
/// the files of `HADOOP_CONF_DIR`).
fn hdfs_settings(settings: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    settings
        .iter()
        .filter(|(key, _)| {
            key.starts_with("dfs.") || key.starts_with("fs.viewfs.") || *key == "fs.defaultFS"
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// The GCS connector's settings, as object_store's.
fn gs_settings(settings: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut config = BTreeMap::new();
    for (hadoop, own) in [
        (
            "fs.gs.auth.service.account.json.keyfile",
            "google_service_account",
        ),
        ("fs.gs.storage.root.url", "google_base_url"),
    ] {
        if let Some(value) = settings.get(hadoop) {
            config.insert(own.to_owned(), value.clone());
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn s3(url: &str, pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        let url = Url::parse(url).unwrap();
        client_config(&ObjectStoreScheme::AmazonS3, &url, &settings(pairs))
    }

    #[test]
    fn s3a_settings_translate_and_a_bucket_s_own_win() {
        let config = s3(
            "s3a://data/store",
            &[
                ("fs.s3a.access.key", "general"),
                ("fs.s3a.bucket.data.access.key", "for-data"),
                ("fs.s3a.secret.key", "secret"),
                ("fs.s3a.endpoint", "127.0.0.1:9000"),
                ("fs.s3a.connection.ssl.enabled", "false"),
                ("fs.s3a.path.style.access", "true"),
                ("fs.s3a.endpoint.region", "eu-west-1"),
                ("path", "ignored"),
            ],
        );
        assert_eq!(
            config,
            settings(&[
                ("aws_access_key_id", "for-data"),
                ("aws_secret_access_key", "secret"),
                ("aws_endpoint", "http://127.0.0.1:9000"),
                ("aws_allow_http", "true"),
                ("aws_virtual_hosted_style_request", "false"),
                ("aws_region", "eu-west-1"),
            ])
        );
    }

    #[test]
    fn object_store_keys_win_over_hadoop_s() {
        let config = s3(
            "s3://b/",
            &[
                ("fs.s3a.endpoint", "https://a.example"),
                ("AWS_ENDPOINT", "https://b.example"),
                ("azure_storage_account_key", "not for s3"),
            ],
        );
        assert_eq!(config, settings(&[("aws_endpoint", "https://b.example")]));
    }

    #[test]
    fn an_anonymous_s3a_provider_skips_signing() {
        let config = s3(
            "s3a://open/",
            &[(
                "fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider",
            )],
        );
        assert_eq!(config, settings(&[("aws_skip_signature", "true")]));
    }

    #[test]
    fn azure_keys_are_found_by_account() {
        let url = Url::parse("abfss://box@acct.dfs.core.windows.net/store").unwrap();
        let config = client_config(
            &ObjectStoreScheme::MicrosoftAzure,
            &url,
            &settings(&[
                ("fs.azure.account.key.other.dfs.core.windows.net", "no"),
                ("fs.azure.account.key.acct.blob.core.windows.net", "yes"),
            ]),
        );
        assert_eq!(config, settings(&[("azure_storage_account_key", "yes")]));
    }

    #[test]
    fn gs_settings_translate() {
        let url = Url::parse("gs://bucket/store").unwrap();
        let config = client_config(
            &ObjectStoreScheme::GoogleCloudStorage,
            &url,
            &settings(&[("fs.gs.storage.root.url", "http://127.0.0.1:4443")]),
        );
        assert_eq!(
            config,
            settings(&[("google_base_url", "http://127.0.0.1:4443")])
        );
    }

    #[test]
    fn an_unknown_scheme_names_the_served_ones() {
        let url = Url::parse("ftp://host/store").unwrap();
        let error = remote_client(&url, &Location::new(url.as_str()))
            .err()
            .unwrap();
        assert!(matches!(error, StoreError::Unsupported(_)), "{error}");
        let message = error.to_string();
        assert!(
            message.contains("'ftp'") && message.contains("s3a, gs") && message.contains("hdfs"),
            "{message}"
        );
    }

    #[test]
    fn one_client_serves_a_bucket_with_the_same_settings() {
        let url = Url::parse("s3://one-bucket/a").unwrap();
        let location = |key: &str| Location {
            uri: url.to_string(),
            settings: settings(&[
                ("aws_access_key_id", key),
                ("aws_secret_access_key", "secret"),
                ("aws_region", "us-east-1"),
            ]),
        };
        let (a, root_a) = remote_client(&url, &location("k")).unwrap();
        let other = Url::parse("s3://one-bucket/b").unwrap();
        let (b, root_b) = remote_client(&other, &location("k")).unwrap();
        let (c, _) = remote_client(&url, &location("other")).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!((root_a.as_ref(), root_b.as_ref()), ("a", "b"));
    }
}
