use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_byteArray",
    aliases: &[],
    category: Category::Casts,
    signatures: &[Signature::new(
        &[Param::new("text", SqlType::String, "The text to encode.")],
        SqlType::Binary,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The UTF-8 bytes of a text.",
    details: "GeoMesa's `st_byteArray`; the same bytes as Spark's `encode(text, 'UTF-8')` and \
              `CAST(text AS BINARY)`. An empty text gives an empty BINARY.",
    examples: &[
        Example {
            sql: "st_byteArray('POINT')",
            result: "504F494E54",
        },
        Example {
            sql: "st_byteArray('é')",
            result: "C3A9",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Str,), BinaryBuf, _>(args, |(text,), out| {
        out.push(text.as_bytes());
        Ok(())
    })
}
