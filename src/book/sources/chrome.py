"""Site chrome: the furniture every blog engine wraps around a post.

Two registries, one for each capture format: whole lines of a text capture that
are chrome ("top of page", "21 views0 comments", "Reply"), and the class and id
tokens that mark chrome containers in HTML (share bars, cookie banners, comment
forms, related posts). Chrome is removed silently; it is not the writers' prose.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------ text captures

_LINE_PATTERNS = [
    r"top of page", r"bottom of page", r"back to top", r"skip to (?:main )?content", r"jump to comments",
    r"jump to (?:top|bottom)", r"go (?:up|down)",
    r"menu", r"home", r"search(?: for)?:?", r"log ?in", r"sign ?in", r"sign ?up", r"subscribe",
    r"share(?: this(?: post| article)?)?:?", r"share on \w+", r"tweet", r"pin it", r"email", r"print",
    r"like this:?", r"like", r"loading\.*", r"like loading\.*", r"\d+ (?:likes?|shares?)",
    r"\d[\d,]* views?(?: ?\d+ comments?)?(?: ?\d+ likes?)?", r"\d+ comments?(?: ?\d+ likes?)?",
    r"reply(?: ?↓)?", r"reply to this comment", r"cancel reply", r"delete", r"edit", r"report",
    r"quote", r"permalink", r"link to this comment", r"\|",
    r"leave a (?:reply|comment)\.?.*", r"post a comment\.?", r"add (?:a )?comment\.?", r"write a comment\.?",
    r"submit(?: comment)?", r"newer post", r"older post", r"home page", r"subscribe to: .*",
    r"related(?: posts| articles)?:?", r"popular posts", r"recent posts", r"recent comments",
    r"you (?:may|might) also like:?", r"read more(?: »)?", r"continue reading.*",
    r"older posts?", r"newer posts?", r"previous(?: post)?", r"next(?: post)?",
    r"powered by .*", r"proudly powered by .*", r"create a free website .*", r"made with wix",
    r"posted (?:in|by) .*", r"filed under .*", r"tagged:? .*", r"labels?: .*", r"categories:?", r"tags:?",
    r"archives?", r"follow(?: us)?(?: on \w+)?", r"facebook", r"twitter", r"instagram", r"linkedin",
    r"pinterest", r"whatsapp", r"reddit", r"tumblr", r"rss feed", r"copyright .*", r"© .*",
    r"all rights reserved\.?", r"we use cookies.*", r"this (?:web)?site uses cookies.*",
    r"accept(?: all)?(?: cookies)?", r"reject(?: all)?", r"cookie (?:policy|settings|preferences)",
    r"privacy policy", r"terms (?:of (?:use|service)|and conditions)", r"got it!?",
    r"\d+ (?:responses?|replies|thoughts?) (?:to|on) .*", r"comments? \(\d+\)", r"no comments?:?",
    r"\d+ comments?:", r"comments:?", r"responses:?",
    r"email this", r"blogthis!?", r"share to (?:twitter|facebook|pinterest|x)", r"labels?:.*", r"\d+ min(?:ute)? read",
    r"post reply", r"\d+ posts? • page \d+ of \d+", r"page \d+ of \d+", r"display posts from previous:.*",
    r"jump to", r"board index(?: ‹ .*)?", r"sort by .*", r"return to .*", r"who is online", r"top",
    r"cancel reply", r"leave a reply cancel reply", r"required fields are marked \*", r"comment", r"name \*?",
    r"email \*?", r"website", r"blog at wordpress\.com\.?", r"create a free website or blog at wordpress\.com\.?",
    r"newer post older post home", r"your email address will not be published\.?.*", r"post comments \(atom\)", r"view all", r"see more", r"show more", r"share ›", r"load more(?: comments)?\.*",
    r"(?:email this|blogthis!?|share to (?:twitter|facebook|pinterest|x))(?: ?(?:email this|blogthis!?|share to (?:twitter|facebook|pinterest|x)))+",
    r"(?:newer post|older post|home)(?: ?(?:newer post|older post|home))+",
    r"(?:like)?liked by \d+ (?:people|person)", r"comments are closed\.?", r"kommentare (?:sind )?geschlossen\.?",
    r"commentaires? fermés\.?", r"comentarios cerrados\.?", r"antworten", r"répondre", r"responder", r"rispondi",
    r"beantwoorden", r"svara", r"odpowiedz", r"teilen:?", r"partager( ?:)?", r"compartir:?", r"condividi:?",
    r"ähnliche beiträge", r"(?:(?:share|teilen|partager|compartir)(?: on| via| auf| sur| en)?|tweet|e-?mail|print|"
    r"drucken|facebook|twitter|pinterest|linkedin|whatsapp|reddit|flipboard|xing|messenger|sms)(?:[\s,|·/]*\d*[\s,|·/]*(?:"
    r"(?:share|teilen|partager|compartir)(?: on| via| auf| sur| en)?|tweet|e-?mail|print|drucken|facebook|twitter|"
    r"pinterest|linkedin|whatsapp|reddit|flipboard|xing|messenger|sms|delicious|digg|stumbleupon|tumblr))+\s*\d*", r"join the (?:discussion|conversation)", r"be the first to comment\.?", r"diskutieren sie mit!?",
    r"rejoignez la discussion", r"liken lade\s*(?:…|\.\.\.)?", r"gefällt mir:", r"j'aime chargement\s*(?:…|\.\.\.)?", r"«\s[^»]{1,78}", r"[^«]{1,78}\s»", r"«\s[^«»|]{1,30}\|[^«»|]{1,30}\s»", r"previous previous post: .*",
    r"next next post: .*", r"post navigation",
    # an advertisement's label, alone on its line, in the languages of the corpus ("- Anúncio -")
    r"[-–]?\s*(?:advertisement|advertising|sponsored|anzeige|werbung|gesponsert|publicité|publicidad|pubblicità|"
    r"reklama|advertentie|annonse|annons|mainos|реклама|publicidade|anúncio|anuncio)\s*[-–]?",
    r".{0,40}\b(?:kommentarfeed|kommentar-feed|trackback[- ]url)\b.*", r"rss-feed für kommentare.*",
    r".{10,300}\bview all posts by .{2,60}", r"rss feed for comments.*", r"comments? rss.*", r"trackback ur[il].*", r"(?:anmelden|abmelden|registrieren|se connecter|iniciar sesión)",
]
_CHROME_LINE = re.compile(r"^(?:" + "|".join(_LINE_PATTERNS) + r")$", re.IGNORECASE)

_COUNTED = (r"(?:comments?|responses?|repl(?:y|ies)|thoughts?|kommentare?|leser-?kommentare?|gedanken?|antwort(?:en)?|commentaires?|réponses?|comentarios?|"
            r"respuestas|commenti|risposte|reacties|reacties|kommentarer|komentarz[ey]?|reakcje|réflexions?|comentários?|"
            r"komentar[ai]?)")
_COMMENT_COUNTER = re.compile(
    rf"^(?:(?:(?P<n>\d+) ?|(?P<w>one|no|ein|eine|un|une|uno|una) ){_COUNTED}(?: (?:to|on|zu|sur|en|su|op|about|für|über) .*)?:?(?:\s*[»↓])?"
    r"|comments?:?|responses:?|(?:leser-?)?kommentare:?|commentaires:?|comentarios:?|commenti:?"
    r"|(?:comments|kommentare|commentaires|comentarios|commenti|reacties) (?:on|zu|sur|en|su|op|to) [“\"„«‘'].{1,100}"
    r"|(?:all|alle|tous les|todos los|tutti i|alle) (?:comments|kommentare|commentaires|comentarios|commenti|reacties)"
    rf"|\d+ comments? ?\d* likes?|(?:comments|kommentare|commentaires|comentarios|commenti|reacties|komentari)\s*(?:\(\s*(?P<m>\d+)\s*\)|(?P<k>\d+))"
    r"|(?:.{0,80}?(?:有|的))?(?P<c>\d+)\s*(?:条评论|條評論|则评论|則評論|个评论|個評論|条回复|條回覆|个回复|個回覆|則迴響|則留言"
    r"|件のコメント|件の返信|개의 댓글)(?:[:：]|\s.{0,80})?)$",
    re.IGNORECASE,
)
_COMMENT_FORM = re.compile(
    r"^(?:leave a (?:reply|comment)|post (?:a |your )comments?|add (?:a |your )?comment|write a comment|"
    r"发表评论|發表評論|发表回复|發表回覆|發表迴響|发表留言|發表留言|コメントを残す|コメントを書く|댓글 남기기|"
    r"submit (?:a )?comment|your email address will not be published|"
    r"(?:schreibe|hinterlasse|verfasse) einen kommentar|kommentar (?:verfassen|schreiben|hinterlassen)|"
    r"deine e-mail-adresse wird nicht veröffentlicht|ihre e-mail-adresse wird nicht veröffentlicht|"
    r"laisser un commentaire|laisser une réponse|entrez votre commentaire|ajouter un commentaire|publier un commentaire|"
    r"añadir un comentario|publicar un comentario|aggiungi un commento|posta un commento|een reactie (?:toevoegen|plaatsen)|"
    r"nouveau commentaire(?=\s*$)|enter your comment here|votre adresse (?:e-mail|de messagerie) ne sera pas publiée|"
    r"deja un comentario|deja una respuesta|tu dirección de correo electrónico no será publicada|"
    r"lascia un commento|il tuo indirizzo email non sarà pubblicato|laat een reactie achter|"
    r"geef een reactie|comments are closed|die kommentarfunktion ist (?:geschlossen|deaktiviert)|"
    r"kommentare sind (?:geschlossen|deaktiviert)|les commentaires sont fermés|"
    r"los comentarios están cerrados|i commenti sono chiusi|reacties zijn gesloten|"
    r"(?:leider )?sind (?:hier )?keine kommentare (?:mehr )?möglich|comments are (?:disabled|turned off)|"
    r"commenting (?:is|has been) (?:closed|disabled)|read all (?:\d+ )?comments|alle (?:\d+ )?kommentare lesen)\b.*$",
    re.IGNORECASE,
)


def is_chrome_line(line: str) -> bool:
    """True for a whole line of site furniture (short lines only: prose is never chrome)."""
    line = line.strip().strip("•·*-–—").strip()
    if not line:
        return False
    return len(line) <= 80 and bool(_CHROME_LINE.match(line))


def is_comment_counter(line: str) -> bool:
    """"30 Comments", "1 Comment", "12 thoughts on “…”": where the comment thread starts."""
    return len(line) <= 120 and bool(_COMMENT_COUNTER.match(line.strip()))


def is_comment_form(line: str) -> bool:
    """"Leave a Comment", "Post a Comment": the form after the thread; what follows is page footer."""
    return len(line) <= 120 and bool(_COMMENT_FORM.match(line.strip()))


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){1,12}$")


def is_slug_line(line: str) -> bool:
    """A URL slug copied with the page ("healing-damaged-self"): chrome, but a hint for the id."""
    return bool(_SLUG.match(line.strip()))


# ------------------------------------------------------------------ HTML

_CHROME_TOKENS = re.compile(
    r"^(?:nav|navbar|navigation|menu|site-header|masthead|site-footer|footer|colophon|sidebar|widget(?:-area)?|"
    r"breadcrumbs?|skip-link|screen-reader-text|share|shares|sharing|sharedaddy|share-buttons?|social|"
    r"social-(?:links|share|buttons|icons)|addtoany|a2a_kit|sd-sharing-enabled|jp-relatedposts|related|"
    r"related-posts?|yarpp.*|popular-posts?|post-navigation|nav-links|pagination|blog-pager|"
    r"comment-respond|comment-form|respond|commentform|comment-reply-link|reply|comment-reply|"
    r"comment-actions|comment-footer|item-control|comment-replybox-thread|comment-replybox-single|"
    r"thread-toggle|continue|post-share-buttons|post-footer|post-footer-line.*|blog-feeds|"
    r"cookie.*|.*-cookie.*|gdpr.*|consent.*|cc-banner|cc-window|newsletter|subscribe|subscription|"
    r"advert.*|ads?|ad-.*|adsbygoogle|promo|promotion|sponsored|"
    r"likes?|like-button|wpl-likebox|post-likes|comment-likes?|comment-like-(?:link|feedback|count)|views?|view-count|"
    r"post-views|"
    r"postprofile|signature|back2top|jumpbox|action-bar|topic-actions|post-buttons|notice|"
    r"BlogItem-share|BlogItem-pagination|squarespace-social-buttons|sqs-share-buttons|"
    r"author-bio|author-box|entry-meta-share|wp-block-buttons|comments-title|comment-count|"
    r"commentlist-title|comment-awaiting-moderation|says|edit-link|post-edit-link|comment-edit-link|"
    r".*newsletter.*|.*subscribe.*|.*announcement-bar.*|.*share-buttons?.*|.*social-share.*|.*relatedposts.*|"
    # a picture's caption, credit or gallery: the pictures are not kept, and their words are not the text's
    r"(?:wp-|image-|img-|photo-|media-)caption(?:-text|__.*)?|image-meta|(?:photo|image|img)-?credits?|"
    r"(?:su-)?(?:custom-)?gallery(?:-slide)?)$",
    re.IGNORECASE,
)
_CHROME_HOOKS = re.compile(r"(?:share|like|views|view-count|counter|follow|menu|header|footer|consent|cookie|banner|"
                           r"recent-posts|related|comment-form|comments-input|login)", re.IGNORECASE)
_CHROME_TAGS = {"nav", "aside", "form", "button", "input", "select", "textarea", "label", "noscript",
                "dialog", "menu", "svg", "canvas", "template"}


def is_chrome_element(tag: str, classes: list[str], elem_id: str, data_hook: str, role: str) -> bool:
    """Decide from the tag, class tokens, id, Wix ``data-hook`` and ARIA role."""
    if tag in _CHROME_TAGS:
        return True
    if role in {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}:
        return True
    if any(_CHROME_TOKENS.match(token) for token in classes):
        return True
    if elem_id and _CHROME_TOKENS.match(elem_id):
        return True
    return bool(data_hook and _CHROME_HOOKS.search(data_hook))


_TITLE_COUNTER = re.compile(
    rf"^(?:\d+|one|ein|eine|un|une|uno|una) {_COUNTED} (?:to|on|zu|sur|en|su|op|about|für|über) [“\"„«‘'‚]\s*(?P<title>.+?)\s*[”\"“»’'‘]:?$", re.IGNORECASE)


def counter_title(line: str) -> str | None:
    """The title a counter quotes: "5 thoughts on “JSON parsing”" gives "JSON parsing"."""
    match = _TITLE_COUNTER.match(line.strip()) if len(line) <= 300 else None
    return match.group("title") if match else None


def counted(line: str) -> int | None:
    """How many comments a counter line announces ("10 Kommentare"), when it says."""
    match = _COMMENT_COUNTER.match(line.strip()) if len(line) <= 120 else None
    n = match and (match.group("n") or match.group("w") or match.group("m") or match.group("k") or match.group("c"))
    if not n:
        return None
    n = n.lower()
    return 0 if n == "no" else 1 if n in {"one", "ein", "eine", "un", "une", "uno", "una"} else int(n)
