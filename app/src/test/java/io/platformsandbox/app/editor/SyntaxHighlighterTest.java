package io.platformsandbox.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntaxHighlighterTest {
  /** The styled pieces of text, as "style:text". */
  private static List<String> styled(String text, Language lang) {
    List<String> out = new ArrayList<>();
    int at = 0;
    for (SyntaxHighlighter.Span s : SyntaxHighlighter.highlight(text, lang)) {
      if (s.style() != null) {
        out.add(s.style() + ":" + text.substring(at, at + s.length()));
      }
      at += s.length();
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void spansCoverTheWholeText(Language lang) {
    String text = "id: acme.crm-sync # x\n{\"a\": [1, true, \"s\"]}\nclass A { int x = 1; } def f(): return None";
    int total = SyntaxHighlighter.highlight(text, lang).stream().mapToInt(SyntaxHighlighter.Span::length).sum();
    assertThat(total).isEqualTo(text.length());
  }

  @Test
  void jsonKeysStringsNumbersAndLiteralsAreStyled() {
    assertThat(styled("{\"name\": \"Ann\", \"age\": 42, \"ok\": true}", Language.JSON))
        .contains("key:\"name\"", "string:\"Ann\"", "number:42", "literal:true");
  }

  @Test
  void yamlKeysAndCommentsAreStyled() {
    assertThat(styled("id: acme.crm-sync   # the id\nruntime:\n  start_timeout_s: 30\n", Language.YAML))
        .contains("key:id", "comment:# the id", "key:runtime", "key:  start_timeout_s", "number:30");
  }

  @Test
  void javaKeywordsAndCommentsAreStyled() {
    assertThat(styled("public final class A { // hi\n}", Language.JAVA)).contains("keyword:public", "keyword:final", "keyword:class", "comment:// hi");
  }

  @Test
  void pythonKeywordsAndLiteralsAreStyled() {
    assertThat(styled("def f():\n    return None  # done", Language.PYTHON)).contains("keyword:def", "keyword:return", "literal:None", "comment:# done");
  }

  @Test
  void languageComesFromTheFileName() {
    assertThat(Language.forFileName("plugin.yaml")).isEqualTo(Language.YAML);
    assertThat(Language.forFileName("index.mjs")).isEqualTo(Language.JAVASCRIPT);
    assertThat(Language.forFileName("Main.java")).isEqualTo(Language.JAVA);
    assertThat(Language.forFileName("README")).isEqualTo(Language.PLAIN);
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    var problem = SyntaxCheck.check("id: a\nscopes: [records:read\nname: x\n", Language.YAML);
    assertThat(problem).isPresent();
    assertThat(problem.get().line()).isGreaterThan(1);
    assertThat(SyntaxCheck.check("id: a\nname: b\n", Language.YAML)).isEmpty();
    assertThat(SyntaxCheck.check("{\"a\": }", Language.JSON)).isPresent();
  }
}
