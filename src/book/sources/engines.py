"""Blog and forum engines: where each one puts the post, its comments and their metadata.

One :class:`Profile` per engine (a registry, not a chain of ifs): how to
recognise a page saved from it, and CSS selectors for the title, the post body,
the byline, the comments and, inside a comment, its author, date and body.
The generic profile catches other engines through the conventions most themes
share (``.comment``, ``.fn``, ``time[datetime]``, schema.org ``Comment``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import html as lxml_html

from book.sources.css import select


@dataclass(frozen=True)
class Profile:
    name: str
    detect: Callable[[lxml_html.HtmlElement, str], bool]
    title: str
    body: str
    author: str
    date: str
    comments: str                # selector for every comment element (replies included)
    comment_author: str
    comment_date: str
    comment_body: str
    comment_chrome: str = ""     # inside a comment: metadata blocks to remove before rendering the body
    first_post_is_post: bool = False   # forums: the first message is the post, the rest are replies


def _generator(doc: lxml_html.HtmlElement) -> str:
    return " ".join(doc.xpath("//meta[@name='generator']/@content")).lower()


def _has(doc: lxml_html.HtmlElement, selector: str) -> bool:
    return bool(select(doc, selector))


# A question's answers (schema.org ``Answer``: Stack Exchange, Q&A plugins) answer the post like comments.
# Prefixed class names (``epoch-comment-author``, ``x-comment-content``) are matched as a token that ends in
# ``-comment-author``: never as a substring, which WordPress's ``comment-author-LOGIN`` on the comment holds.
_GENERIC_COMMENTS = (".comment, li.pingback, li.trackback, [itemtype*='schema.org/Comment'], "
                     "[itemtype*='schema.org/UserComments'], "
                     "[data-hook='comment'], .comment-item, .single-comment, [id^='comment-'].comment-wrapper, "
                     "li[id^='comment-'], div[id^='comment-'] > article, .h-cite, .p-comment, "
                     "[itemtype*='schema.org/Answer']")
_GENERIC_COMMENT_AUTHOR = (".commenter-name a, .commenter-name, a.comment-user, .comment-author .fn, .comment-author cite, cite.fn, .fn, [itemprop='author'] [itemprop='name'], "
                           "[itemprop='author'], .comment-author, cite.user, a.user, .user-name, .username, .p-author .p-name, .h-card .p-name, "
                           "[data-hook='author-name'], [data-hook='user-name'], .author-name, .comment-header .author, .nickname, "
                           ".p-author, .author, .name, cite, [class*='meta__name'], [class*='__author'], "
                           "[class*='author__name'], [class*='-username'], .author_name, .comment_author, .reviewer, "
                           "[class$='-comment-author'], [class*='-comment-author '], "
                           "[class$='-author-link'], [class*='-author-link ']")
_GENERIC_COMMENT_DATE = ("time[datetime], .comment-metadata time, .comment-meta a, .comment-date, .comment-timestamp, "
                         ".datetime, .date, [data-hook='creation-date'], [data-hook='time-ago'], .comment-time, .published, "
                         ".comment-footer, .comment-byline")
_GENERIC_COMMENT_BODY = (".comment-content, .comment-body .comment-text, [itemprop='text'], .comment-text, "
                         "[data-hook='comment-content'], .comment-message, .comment-body, .post-message, .message, .content, "
                         "[class$='-comment-content'], [class*='-comment-content '], "
                         "[class$='-comment-text'], [class*='-comment-text ']")
_GENERIC_COMMENT_CHROME = (".comment-author, .comment-meta, .comment-metadata, .comment-header, .vcard, .reply, "
                           ".comment-footer, .comment-byline, "
                           ".comment-footer, .comment-actions, [data-hook='author-name'], [data-hook='user-name'], "
                           ".comment-awaiting-moderation, [class$='-comment-meta'], [class*='-comment-meta '], "
                           "[class$='-comment-author'], [class*='-comment-author '], "
                           "[class*='report-link'], a[href^='javascript:']")

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="wordpress",
        detect=lambda doc, raw: "wordpress" in _generator(doc) or "wp-content" in raw
        or _has(doc, "ol.commentlist, ol.comment-list, .wp-block-post-content"),
        title="h1.entry-title, .entry-title, h1.post-title, .wp-block-post-title, article h1",
        body=".entry-content, .wp-block-post-content, .post-content, .entry, article .content",
        author=".entry-meta .author .fn, .byline .author, .entry-meta .author a, a[rel='author'], .author.vcard .fn, "
               ".wp-block-post-author__name, .posted-by .author",
        date="time.entry-date[datetime], .entry-date, time.published[datetime], .posted-on time, "
             ".wp-block-post-date time",
        comments="li.comment, li.pingback, li.trackback, article.comment, li[id^='comment-'], "
                 "div[id^='comment-'] > article",
        comment_author=".comment-author .fn, .comment-author cite, cite.fn, .fn, .comment-author, cite",
        comment_date=".comment-metadata time[datetime], .comment-meta time[datetime], time[datetime], "
                     ".comment-meta a, .commentmetadata a",
        comment_body=".comment-content, .comment-text",
        comment_chrome=_GENERIC_COMMENT_CHROME,
    ),
    Profile(
        name="blogger",
        detect=lambda doc, raw: "blogger" in _generator(doc) or _has(doc, ".comment-block, #comments-block")
        or bool(doc.xpath("descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' post-body ')]"
                          "[not(ancestor::*[@id='disqus_thread' or contains(@class, 'post-list')])]")),
        title="h3.post-title, h1.post-title, h2.post-title, .post-title",
        body=".post-body, .entry-content",
        author=".post-author .fn, .post-author-name, .post-author a, .g-profile",
        date="abbr.published[title], time.published[datetime], .published[title], .date-header span, .date-header",
        comments=".comment-thread li.comment, #comments-block dt.comment-author, li.comment",
        comment_author="cite.user, .comment-header .user, .user, .profile-name-link",
        comment_date=".datetime a, .comment-timestamp a, .datetime, .comment-timestamp",
        comment_body=".comment-content, p.comment-content",
        comment_chrome=".comment-header, .comment-actions, .comment-footer, .comment-replybox-single, "
                       ".comment-replybox-thread, .avatar-image-container, .thread-toggle",
    ),
    Profile(
        name="squarespace",
        detect=lambda doc, raw: "squarespace" in _generator(doc) or "squarespace" in raw.lower()[:200000]
        and _has(doc, ".sqs-block, .BlogItem, .blog-item-content, [data-content-field]"),
        title=".BlogItem-title, h1.entry-title, h1[data-content-field='title'], .blog-item-title h1, "
              ".blog-title, article h1",
        body=".blog-item-content, .BlogItem-content, .entry-content, .body.entry-content, "
             "[data-content-field='main-content'], article .sqs-layout",
        author=".blog-author-name, .BlogItem-meta-author, .blog-meta-item--author, .entry-author a, .author a",
        date="time.dt-published[datetime], time.blog-meta-item--date, .BlogItem-meta-date, .entry-dateline time, "
             "time[datetime]",
        comments=".comment, .squarespace-comment",
        comment_author=".comment-author, .author-name, .author, .name",
        comment_date="time[datetime], .comment-date, .date",
        comment_body=".comment-body, .comment-content, .body, .content",
        comment_chrome=_GENERIC_COMMENT_CHROME + ", .comment-meta, .comment-header",
    ),
    Profile(
        name="wix",
        detect=lambda doc, raw: "wix" in _generator(doc) or "wixstatic.com" in raw or _has(doc, "[data-hook='post-title']"),
        title="[data-hook='post-title'], h1",
        body="[data-hook='post-description'], [data-id='content-viewer'], [data-hook='post-content'], "
             "[data-hook='post-body'], article",
        author="[data-hook='user-name'], [data-hook='post-author'], [data-hook='author-name']",
        date="[data-hook='time-ago'], [data-hook='post-date'], time[datetime]",
        comments="[data-hook='comment']",
        comment_author="[data-hook='author-name'], [data-hook='user-name'], .author-name",
        comment_date="[data-hook='creation-date'], [data-hook='time-ago'], time[datetime]",
        comment_body="[data-hook='comment-content'], [data-hook='comment-body'], .comment-content",
        comment_chrome="[data-hook='author-name'], [data-hook='user-name'], [data-hook='creation-date'], "
                       "[data-hook='time-ago'], [data-hook='comment-header']",
    ),
    Profile(        # Reddit: old.reddit.com (div.thing) and the current site (shreddit-post, shreddit-comment)
        name="reddit",
        detect=lambda doc, raw: _has(doc, "div.thing.comment, div.thing.link, shreddit-comment, shreddit-post"),
        title="div.thing.link p.title a.title, shreddit-post h1, h1[slot='title'], a.title",
        body="div.thing.link .expando .usertext-body .md, div.thing.link .usertext-body .md, "
             "shreddit-post div[slot='text-body'], div[slot='text-body']",
        author="div.thing.link p.tagline a.author, shreddit-post a[slot='authorName'], shreddit-post [slot='authorName'] a",
        date="div.thing.link p.tagline time[datetime], shreddit-post faceplate-timeago time[datetime]",
        comments="div.thing.comment, shreddit-comment",
        comment_author="p.tagline a.author, p.tagline .author, [slot='commentMeta'] faceplate-hovercard a",
        comment_date="p.tagline time[datetime], faceplate-timeago time[datetime], time[datetime]",
        comment_body=".usertext-body .md, div[slot='comment']",
        comment_chrome="p.tagline, ul.flat-list, .midcol, p.parent, .usertext-edit, [slot='commentMeta'], "
                       "[slot='actionRow'], shreddit-comment-action-row",
    ),
    Profile(        # Discourse's server-rendered (crawler) view: schema.org DiscussionForumPosting per post
        name="discourse",
        detect=lambda doc, raw: "discourse" in _generator(doc)
        or _has(doc, "[itemtype*='DiscussionForumPosting'] .creator, .topic-body.crawler-post"),
        title="#topic-title h1, h1",
        body=".post[itemprop='articleBody'], .post[itemprop='text'], .post",
        author="[itemprop='author'] [itemprop='name'], b[itemprop='author'], [itemprop='author']",
        date="time[itemprop='datePublished'], time[datetime]",
        comments="div[itemtype*='DiscussionForumPosting'], .topic-body.crawler-post",
        comment_author="[itemprop='author'] [itemprop='name'], b[itemprop='author'], [itemprop='author']",
        comment_date="time[itemprop='datePublished'], time[datetime]",
        comment_body=".post[itemprop='articleBody'], .post[itemprop='text'], .post",
        comment_chrome=".creator, .crawler-post-meta, [itemprop='position'], .crawler-post-infos",
        first_post_is_post=True,
    ),
    Profile(        # XenForo 2: article.message--post, the text in .bbWrapper
        name="xenforo",
        detect=lambda doc, raw: "xenforo" in _generator(doc) or _has(doc, "article.message--post"),
        title="h1.p-title-value, h1",
        body=".message-body .bbWrapper, .bbWrapper",
        author=".message-name .username, .message-name",
        date="header.message-attribution time[datetime], time.u-dt",
        comments="article.message--post",
        comment_author="h4.message-name .username, .message-name a, .message-name",
        comment_date="header.message-attribution time[datetime], time.u-dt[datetime], time.u-dt",
        comment_body=".message-body .bbWrapper, .bbWrapper",
        comment_chrome=".message-cell--user, .message-attribution, .message-footer, .message-signature, "
                       ".js-selectToQuoteEnd, .bbCodeBlock-expandLink, .bbCodeBlock-title, .message-lastEdit",
        first_post_is_post=True,
    ),
    Profile(        # vBulletin 4 and 5: li.postcontainer, the text in blockquote.postcontent; vBulletin 3: a
        name="vbulletin",   # table#postN per message in div#editN, the poster in a.bigusername
        detect=lambda doc, raw: "vbulletin" in _generator(doc) or _has(doc, "li.postcontainer, li.postbitlegacy"),
        title="span.threadtitle, .threadtitle, h2.title, h1",
        body="blockquote.postcontent, .postcontent, div[id^='post_message_']",
        author=".username strong, a.username, .username, a.bigusername",
        date=".postdate .date, span.date, .postdate, td.thead",
        comments="li.postcontainer, li.postbitlegacy, div[id^='edit'] > table[id^='post']",
        comment_author=".userinfo .username strong, .username strong, a.username, .username, a.bigusername",
        comment_date=".postdate .date, span.date, .postdate, td.thead",
        comment_body="blockquote.postcontent, .postcontent, div[id^='post_message_']",
        comment_chrome=".userinfo, .posthead, .postfoot, .signature, .after_content, .postrow h2.title",
        first_post_is_post=True,
    ),
    Profile(
        name="phpbb",
        detect=lambda doc, raw: doc.body is not None and doc.body.get("id") == "phpbb"
        or "phpbb" in _generator(doc) or _has(doc, "div.post .postbody, .postbody .content"),
        title="h2.topic-title, h2 a.topic-title, .topic-title",
        body=".content",
        author="p.author .username, p.author strong, .author a",
        date="p.author time[datetime], p.author",
        comments="div.post, .post.bg1, .post.bg2",
        comment_author="p.author .username, p.author .username-coloured, p.author strong a, p.author strong, "
                       ".postprofile .username, .author a",
        comment_date="p.author time[datetime], p.author",
        comment_body=".content",
        comment_chrome="p.author, .postprofile, .signature, .back2top, .post-buttons, h3, .notice",
        first_post_is_post=True,
    ),
    Profile(        # Slash (Slashdot, SoylentNews): nested li.comment under ul#commentlisting, "Re: TITLE (Score:2)"
        name="slash",       # over "by NAME ( 1311177 ) writes:"; a collapsed comment keeps its text, a hidden one none
        detect=lambda doc, raw: _has(doc, "#commentlisting li.comment"),
        title=".story-title a, .story-title, h1",
        body="div[id^='text-'], .body .p, .body",
        author=".story-byline a",
        date="time[datetime], .story-byline time",
        comments="#commentlisting li.comment",
        comment_author=".details .by > a, .by > a",
        comment_date="time[datetime], .otherdetails",
        comment_body=".commentBody > div[id^='comment_body_'], .commentBody",
        comment_chrome=".commentTop, .commentSub, .commentstatus, .ind",
    ),
    Profile(        # Invision Community 4 (article.cPost) and 5 (article.ipsEntry--post): the poster's pane (name,
        name="invision",    # group, post count, a city) beside the text; the posts declare themselves Comments
        detect=lambda doc, raw: _has(doc, "article.cPost, article.ipsEntry--post"),
        title="h1.ipsType_pageTitle, h1.ipsPageHeader__title, h1",
        body=".cPost_contentWrap .ipsType_richText, .ipsRichText--user",
        author=".cAuthorPane_author a, .cAuthorPane_author, .ipsEntry__username .ipsUsername",
        date="time[datetime]",
        comments="article.cPost, article.ipsEntry--post",
        comment_author="aside .cAuthorPane_author a, aside .cAuthorPane_author, "
                       ".ipsEntry__author-column .ipsUsername, .ipsEntry__username .ipsUsername, .cAuthorPane_author",
        comment_date="time[datetime]",
        comment_body=".cPost_contentWrap .ipsType_richText, .ipsRichText--user, .ipsComment_content",
        comment_chrome=".cAuthorPane, .cAuthorPane_mobile, .ipsComment_meta, .ipsComment_badges, "
                       ".ipsEntry__author-column, .ipsEntry__header, .ipsEntry__meta, .ipsItemControls, .ipsReact, "
                       ".ipsEntry__footer, .ipsComment_controls",
        first_post_is_post=True,
    ),
)

GENERIC = Profile(
    name="generic",
    detect=lambda doc, raw: True,
    title="h1.entry-title, .entry-title, h1.post-title, .post-title, h3.entry-header, h2.entry-header, "
          "[itemprop='headline'], article h1, article h2, main h1, h1",
    body="[itemprop='articleBody'], .entry-content, .post-content, .post-body, .article-content, .entry-body, "
         ".available-content .body, .body.markup, .gh-content, .entry, article, main, #content, body",
    author="[itemprop='author'] [itemprop='name'], [itemprop='author'], a[rel='author'], .byline .author, "
           ".post-author, .author-name",
    date="time[itemprop='datePublished'], time.published, time[datetime], .post-date, .entry-date, .date-header, "
         ".entry-footer-info",
    comments=_GENERIC_COMMENTS,
    comment_author=_GENERIC_COMMENT_AUTHOR,
    comment_date=_GENERIC_COMMENT_DATE,
    comment_body=_GENERIC_COMMENT_BODY,
    comment_chrome=_GENERIC_COMMENT_CHROME,
)


@dataclass(frozen=True)
class CommentSystem:
    """A comment system embedded in pages of any engine: where its thread is, and its comments' markup."""

    name: str
    container: str               # present only where this system's thread is
    comments: str
    comment_author: str
    comment_date: str
    comment_body: str
    comment_chrome: str


COMMENT_SYSTEMS: tuple[CommentSystem, ...] = (
    CommentSystem(            # Disqus, saved with its thread inlined (the frame's document, or SingleFile)
        name="disqus",
        container="#disqus_thread .post-list, ul#post-list, .post-list li.post",
        comments=".post-list li.post, #post-list li.post",
        comment_author=".post-byline .author a, .post-byline .author",
        comment_date="a.time-ago[title], .post-meta a[title], .post-meta time",
        comment_body=".post-message",
        comment_chrome=".comment__header, .comment__footer, .post-meta, .post-media, .see-more, .avatar, .indicator",
    ),
    CommentSystem(            # Disqus's WordPress plugin: its static copy of the thread (``ul#dsq-comments``), which
        name="disqus-static",   # the script replaces; the name in the header's cite after the writer's address
        container="#dsq-content, ul#dsq-comments",
        comments="li[id^='dsq-comment-']",
        comment_author="cite span[id^='dsq-author-user'], .dsq-comment-header cite, cite",
        comment_date=".dsq-comment-date, time[datetime]",
        comment_body=".dsq-comment-message, .dsq-comment-body",
        comment_chrome=".dsq-comment-header, .dsq-comment-footer",
    ),
    CommentSystem(            # wpDiscuz (a WordPress comments plugin): div.wc-comment blocks, nested or flat with
        name="wpdiscuz",      # wc_comment_level-N classes; the name in .wc-comment-author, badges beside it.
        container="#wcThreadWrapper, .wc-thread-wrapper, #wpdcom",   # Version 7 spells each part wpd-: its
        comments="div.wc-comment, div.wpd-comment",                  # text opens under a "Reply to NAME" line,
        comment_author=".wc-comment-author a, .wc-comment-author, .wpd-comment-author a, .wpd-comment-author",
        comment_date=".wc-comment-date, .wpd-comment-date, time[datetime]",          # a vote count under it
        comment_body=".wc-comment-text, .wpd-comment-text",
        comment_chrome=".wc-comment-header, .wc-comment-footer, .wc-comment-left, .wc-blog-user-label, "
                       ".wc-comment-label, .wpd-comment-label, .wc-reply, .wc-secondary-forms-social-content, "
                       ".wpd-comment-header, .wpd-comment-footer, .wpd-comment-left, .wpd-reply-to, "
                       ".wpd-comment-subheader, .wpd-blog-user-label",
    ),
    CommentSystem(            # Tumblr's notes: replies (and reblogs with a comment) are comments; likes are not
        name="tumblr",
        container="ol.notes li.note",
        comments="ol.notes li.note.reply, ol.notes li.note.reblog.with_commentary",
        comment_author=".action a.tumblelog, a.tumblelog, .action a",
        comment_date="time[datetime]",
        comment_body=".answer_content, .reply_text, .note_commentary, blockquote",
        comment_chrome=".avatar_frame, .source_tumblelog",
    ),
)


def with_comment_system(doc: lxml_html.HtmlElement, profile: Profile) -> Profile:
    """The page's engine, with the comment markup of an embedded comment system when the page holds one."""
    from dataclasses import replace

    for system in COMMENT_SYSTEMS:
        if _has(doc, system.container):
            return replace(profile, name=f"{profile.name}+{system.name}", comments=system.comments,
                           comment_author=system.comment_author, comment_date=system.comment_date,
                           comment_body=system.comment_body, comment_chrome=system.comment_chrome,
                           first_post_is_post=False)
    return profile


def detect(doc: lxml_html.HtmlElement, raw: str) -> Profile:
    """The first profile that recognises the page, else the generic one."""
    for profile in PROFILES:
        try:
            if profile.detect(doc, raw):
                return profile
        except Exception:  # a detector must never break an import; fall through to the next
            continue
    return GENERIC
