package io.platformsandbox.engine.records;

import java.util.Arrays;
import java.util.Optional;

/** The value types a collection field can have, with the H2 column type each is stored as. */
public enum FieldType {
  STRING("string", "CHARACTER VARYING"),
  INTEGER("integer", "BIGINT"),
  NUMBER("number", "DOUBLE PRECISION"),
  BOOLEAN("boolean", "BOOLEAN"),
  DATETIME("datetime", "TIMESTAMP(6) WITH TIME ZONE"),
  JSON("json", "CHARACTER VARYING");

  private final String wireName;
  private final String sqlType;

  FieldType(String wireName, String sqlType) {
    this.wireName = wireName;
    this.sqlType = sqlType;
  }

  public String wireName() {
    return wireName;
  }

  public String sqlType() {
    return sqlType;
  }

  public static Optional<FieldType> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
