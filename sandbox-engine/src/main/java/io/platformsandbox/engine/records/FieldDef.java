package io.platformsandbox.engine.records;

/** One field of a collection's schema. */
public record FieldDef(
    String name, FieldType type, boolean required, Classification classification, boolean indexed) {

  /** The quoted H2 column that holds this field. */
  public String column() {
    return "\"f_" + name + "\"";
  }
}
