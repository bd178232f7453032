//! `closed_list!`: an enum of stable snake_case codes (a closed vocabulary)
//! with `ALL`, `as_str` and `parse`, serialised as its code in JSON and in
//! the database.

/// Declares a closed list: `closed_list!(/// doc\n Name { /// doc\n Variant = "code", … });`
/// Each variant is serialised (and described in the OpenAPI document) as its
/// code exactly, so a code may hold digits (`too_long_2000`).
#[macro_export]
macro_rules! closed_list {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $code)] $variant),+ }

        // Written by hand, not derived: utoipa's derive does not see a
        // `serde(rename)` whose value comes from a macro, and described the
        // variants by their Rust names instead of their codes.
        #[cfg(feature = "ssr")]
        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                let doc = $crate::platform::closed_list::doc_text(&[$($doc),*]);
                ::utoipa::openapi::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .description((!doc.is_empty()).then_some(doc))
                    .into()
            }
        }
        #[cfg(feature = "ssr")]
        impl ::utoipa::ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Stored as its code in a text column on both engines; a code the
        // list does not know fails to decode instead of becoming a default.
        #[cfg(feature = "ssr")]
        impl<DB: ::sqlx::Database> ::sqlx::Type<DB> for $name
        where
            String: ::sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as ::sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as ::sqlx::Type<DB>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r, DB: ::sqlx::Database> ::sqlx::Decode<'r, DB> for $name
        where
            String: ::sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                let code = <String as ::sqlx::Decode<'r, DB>>::decode(value)?;
                $name::parse(&code).ok_or_else(|| format!("{} has no code {code:?}", stringify!($name)).into())
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q, DB: ::sqlx::Database> ::sqlx::Encode<'q, DB> for $name
        where
            String: ::sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as ::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <String as ::sqlx::Encode<'q, DB>>::encode_by_ref(&self.as_str().to_string(), buf)
            }
        }
    };
}

/// A doc comment's lines as one paragraph: the description in the OpenAPI document.
pub fn doc_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    crate::closed_list!(
        /// A list whose codes hold digits.
        Sample { /// The first.
            TooLong2000 = "too_long_2000", Plain = "plain" }
    );

    #[test]
    fn every_code_serialises_parses_and_displays_as_itself() {
        for v in Sample::ALL {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
            assert_eq!(serde_json::from_str::<Sample>(&json).unwrap(), *v);
            assert_eq!(Sample::parse(v.as_str()), Some(*v));
            assert_eq!(v.to_string(), v.as_str());
        }
        assert_eq!(Sample::parse("too_long2000"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_openapi_schema_lists_the_codes_not_the_rust_names() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(Sample::schema()).unwrap();
        assert_eq!(schema["enum"], serde_json::json!(["too_long_2000", "plain"]));
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["description"], "A list whose codes hold digits.");
    }
}
