package io.platformsandbox.app.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformsandbox.app.model.FieldInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueParserTest {
  private static FieldInfo field(String type) {
    return new FieldInfo("f", type, false, "none", false);
  }

  @ParameterizedTest
  @CsvSource({"integer,42,42", "number,2.50,2.50", "boolean,yes,true", "boolean,FALSE,false", "json,'{\"a\":1}','{\"a\":1}'", "string,hello,\"hello\""})
  void typedTextBecomesJsonOfTheFieldsType(String type, String text, String json) {
    assertThat(ValueParser.parse(field(type), text).toString()).isEqualTo(json);
  }

  @ParameterizedTest
  @CsvSource({"integer,abc,must be an integer", "integer,1.5,must be an integer", "number,x,must be a number", "boolean,maybe,must be true or false", "json,'{oops',must be JSON"})
  void textThatCannotBeOfTheTypeIsRejectedInTheApisWords(String type, String text, String message) {
    assertThatThrownBy(() -> ValueParser.parse(field(type), text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"integer", "string", "boolean"})
  void emptyTextClearsTheField(String type) {
    assertThat(ValueParser.parse(field(type), "").isNull()).isTrue();
  }
}
