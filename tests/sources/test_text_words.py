"""The one word count every reader uses (issue 13): spaced scripts by their spaces, Korean included; Chinese
and Japanese, which do not space their words, one word per two characters, rounded up."""

from __future__ import annotations

import pytest

from book.sources.clean import text_words


@pytest.mark.parametrize(("text", "words"), [
    ("the cat sat on the mat", 6),                                 # Latin: by spaces, as always
    ("Name - 3 days ago", 5),                                      # punctuation standing alone is a token
    ("引用自哪", 2),                                                 # Chinese: two characters a word
    ("好", 1),                                                      # a single character is a word
    ("机器人？", 2),                                                 # three characters round up; the stop is no word
    ("今天天气很好。我们去公园散步吧。", 7),                           # 14 characters of one unspaced sentence
    ("これはペンです。", 4),                                          # Japanese, kanji and kana alike: 7 characters
    ("カタカナとひらがな", 5),                                        # kana only: 9 characters
    ("안녕하세요 여러분 반갑습니다", 3),                               # Korean spaces its words: three, not 13
    ("오늘 날씨가 정말 좋네요", 4),
    ("我用 iPhone 拍照", 3),                                          # Latin between spaced Chinese
    ("iPhone手机", 1),                                               # Latin glued to Chinese counts with it
    ("2020年10月3日 发布", 3),                                        # digits glued to their characters
])
def test_words_are_counted_by_the_one_rule(text: str, words: int) -> None:
    assert text_words(text) == words


def test_korean_counts_like_a_spaced_script() -> None:
    """Hangul is spaced: a Korean line counts as many words as an English one with the same spaces."""
    assert text_words("한국어 문장은 띄어쓰기를 합니다") == text_words("Korean sentences use spaces")


def test_an_unspaced_sentence_is_not_one_word() -> None:
    """A Chinese sentence, a single token to ``str.split``, reaches a prose threshold as its English equal does."""
    sentence = "这是一个很长的句子，我们用它来测试中文的字数统计方法是否正确。"
    assert len(sentence.split()) == 1
    assert text_words(sentence) >= 12


def test_the_text_reader_and_the_html_reader_share_it() -> None:
    """No second count remains in the text reader's helpers."""
    import book.sources.text_lines as text_lines

    assert text_lines.text_words is text_words
    assert not hasattr(text_lines, "word_count")
