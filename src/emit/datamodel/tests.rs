use super::*;
#[test]
fn fraction_digits_become_a_multiple_and_fixed_values_keep_their_type() {
    assert_eq!(multiple_of(0), json!(1));
    assert_eq!(multiple_of(2).to_string(), "0.01");
    assert_eq!(typed_literal(Some("positiveInteger"), "26"), json!(26));
    assert_eq!(typed_literal(Some("string"), "26"), json!("26"));
    assert_eq!(typed_literal(Some("decimal"), "1.5"), json!(1.5));
    assert_eq!(typed_literal(Some("boolean"), "1"), json!(true));
}
