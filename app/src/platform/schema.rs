//! OpenAPI schemas that the domains' query types share: a value an HTML form
//! may send empty, which the server reads as "not given".

use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat, ObjectBuilder, Ref, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;

/// The schema of a query value that may also be given empty: `?to=` means
/// "not given", as an HTML form sends its empty fields.
fn or_empty(schema: impl Into<RefOr<Schema>>) -> Schema {
    AnyOfBuilder::new()
        .item(schema)
        .item(ObjectBuilder::new().schema_type(Type::String).max_length(Some(0)))
        .into()
}

/// A `YYYY-MM-DD` day, or empty.
pub fn date_or_empty() -> Schema {
    or_empty(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))),
    )
}

/// One of a closed list's codes, or empty.
pub fn code_or_empty<T: utoipa::ToSchema>() -> Schema {
    or_empty(Ref::from_schema_name(T::name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_or_a_code_may_also_be_empty() {
        let day = serde_json::to_value(date_or_empty()).unwrap();
        assert_eq!(day["anyOf"][0]["format"], "date");
        assert_eq!(day["anyOf"][1]["maxLength"], 0);
        let code = serde_json::to_value(code_or_empty::<crate::platform::texts::Lang>()).unwrap();
        assert_eq!(code["anyOf"][0]["$ref"], "#/components/schemas/Lang");
        assert_eq!(code["anyOf"][1]["maxLength"], 0);
    }
}
