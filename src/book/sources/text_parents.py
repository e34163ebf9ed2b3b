"""Reply parents of a flat text copy: the thread's tree rebuilt from what the copy still says.

A browser's copy of a threaded comment list keeps the comments in the page's order (depth first: each reply
right under what it answers, after that comment's earlier replies) but loses the indentation. What is left
constrains the tree:

- a reply answers a comment on the path back from the comment above it (that comment, its parent, …) or the post;
- a reply is not older than what it answers, and replies under one comment run oldest first; top-level comments
  run oldest or newest first, whichever way most pairs of the thread's dates go;
- a page that links each reply to its "parent" says which comments are replies (LiveJournal);
- a theme that prints a "Reply" button under every comment but those at its deepest level says which comments
  sit at that level, and that the others sit above it (WordPress's nesting limit, wpDiscuz, Drupal);
- the parents the copy names ("@NAME", a greeting, a quotation, the post's author answering) are the surest:
  a comment that names one answers it (or, where the name is the writer's, one of that writer's comments).

:func:`nest` finds the tree that meets every constraint, taking at each comment the first choice that still
leads to a whole tree, in the order of how sure each is: the parent a mark names, else the post (the corpus
convention where nothing says otherwise), then the comments on the path. Where no tree meets the constraints
(dates out of order, buttons that are not a nesting limit, a named parent the dates contradict), it gives
nothing and the copy's marks alone stand. Every parent it sets was inferred, not read, and is listed for
review (S306).

The search is linear in the thread's length: each run of it has a budget of 100 units of work per comment (plus
100), a unit being a step forward or back, a parent tried (one ``_fits``), a hint read or a comment of the path
walked, and gives up (no tree) when the budget is spent; :func:`nest` runs it at most eight times (the nesting
limits, then none), and :func:`direction` sorts the dates once. A budget of steps alone was not: a step that
read every comment a hint named, or tried every one of them, cost as much as the thread was long.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass

Moment = tuple[str, int]          # (ISO date, minute of the day or -1 where only the day is printed)

_DEEPEST = 8                      # the deepest nesting limit tried for "Reply"-less comments
_WORK_PER_COMMENT = 100           # the search's budget: a thread the constraints cannot settle gives up, fast


@dataclass(frozen=True)
class Reply:
    """What the copy says of one comment, for :func:`nest`.

    ``moment``: its date and minute, or None. ``marked``: True where a "parent" link marks it as a reply, False
    where the page marks replies and it has no mark, None where the page marks none. ``button``: whether a reply
    button follows it (None where the thread shows none). ``hint``: the positions of the comments a mark in its
    text names as answered, the likeliest first."""

    moment: Moment | None = None
    marked: bool | None = None
    button: bool | None = None
    hint: tuple[int, ...] = ()


def earlier(a: Moment | None, b: Moment | None) -> bool:
    """Whether ``a`` is known to be before ``b`` (a day without its time orders nothing within that day)."""
    if a is None or b is None:
        return False
    if a[0] != b[0]:
        return a[0] < b[0]
    return a[1] >= 0 and b[1] >= 0 and a[1] < b[1]


def direction(moments: list[Moment | None]) -> int:
    """+1 where the thread runs oldest first, -1 newest first, 0 where its dates do not say (too few, or as many
    pairs of them rise as fall): every pair counted, not neighbours, as a host answering each comment of a
    newest-first thread makes neighbours rise and fall in turn. Counted with a sorted list of the moments seen so
    far (a day without its time sorts before that day's clock times), not by listing the pairs."""
    known = [m for m in moments if m is not None]
    seen: list[Moment] = []
    rising = falling = 0
    for moment in known:
        rising += bisect_left(seen, moment)
        falling += len(seen) - bisect_right(seen, moment)
        insort(seen, moment)
    return (rising > falling) - (falling > rising) if len(known) >= 3 else 0


def nest(replies: list[Reply], order: int | None = None) -> list[int | None] | None:
    """Each comment's parent (a position in ``replies``, None for the post), or None where no tree meets the
    constraints (module docstring). ``order`` is the top-level comments' direction (:func:`direction` by default).
    Where two comments or more have a reply button and two or more have none, the nesting limit is the shallowest
    one that gives a whole tree; where none does, the buttons are not a limit and are left aside."""
    if order is None:
        order = direction([r.moment for r in replies])
    buttons = [r.button for r in replies if r.button is not None]
    if sum(buttons) >= 2 and len(buttons) - sum(buttons) >= 2:     # one comment without: deleted, or the viewer's
        for limit in range(2, _DEEPEST + 1):
            if (found := _Search(replies, order, limit).run()) is not None:
                return found
    return _Search(replies, order, None).run()


class _Search:
    """A depth-first search over each comment's choices, undoing the last choice where a comment has none left.

    The state is the path back from the last comment (positions, deepest last), each comment's depth and its
    latest reply so far, and the latest top-level comment; a step that cannot be taken is undone with what it
    changed, so the search holds one state, not one per branch. ``budget`` is the work left (module docstring):
    :meth:`run` pays for each step and each parent tried, :meth:`_choices` for each hint read and path walked."""

    def __init__(self, replies: list[Reply], order: int, limit: int | None) -> None:
        self.replies = replies
        self.order = order
        self.limit = limit
        self.marked = any(reply.marked for reply in replies)
        self.parent: list[int | None] = []
        self.depth: list[int] = []
        self.last_child: dict[int | None, int] = {}     # a comment (None: the post) -> its latest reply so far
        self.budget = 0                                 # the work left (:meth:`run`)

    def run(self) -> list[int | None] | None:
        replies = self.replies
        self.budget = _WORK_PER_COMMENT * len(replies) + 100
        pending: list[Iterator[int | None]] = []        # the choices left for each comment placed so far
        undo: list[tuple[int | None, int | None]] = []  # (parent chosen, the parent's latest reply before)
        k = 0
        choices = self._choices(0)
        while k < len(replies):
            self.budget -= 1
            if self.budget < 0:
                return None
            chosen: int | None = None
            fitting = False
            for chosen in choices:          # the rest stay in the iterator, to try if this choice leads nowhere
                self.budget -= 1            # each parent tried is paid for, with what finding it read
                if self.budget < 0:
                    return None
                if self._fits(k, chosen):
                    fitting = True
                    break
            if fitting:
                pending.append(choices)
                undo.append((chosen, self.last_child.get(chosen)))
                self.parent.append(chosen)
                self.depth.append(1 if chosen is None else self.depth[chosen] + 1)
                self.last_child[chosen] = k
                k += 1
                choices = self._choices(k) if k < len(replies) else iter(())
                continue
            if not pending:
                return None
            k -= 1                                       # no choice left here: undo the comment above
            chosen, before = undo.pop()
            self.parent.pop()
            self.depth.pop()
            if before is None:
                self.last_child.pop(chosen, None)
            else:
                self.last_child[chosen] = before
            choices = pending.pop()
        return self.parent

    def _choices(self, k: int) -> Iterator[int | None]:
        """The parents ``k`` may take, the surest first: the ones a mark names (only those), else the post, then the
        path. Where the page marks replies, a reply's likeliest parent is the comment right above it (a
        conversation's turns), so the path is tried nearest first, walked only as far as needed (a long chain of
        replies is not re-read for each); where only dates or buttons say a comment is a reply, the top-level
        comment it sits under is likelier than a reply in that comment's run, so the path is tried from the top."""
        named = False
        for hint in self.replies[k].hint:
            self.budget -= 1            # a long list of hints is read once per comment placed, and paid for
            if hint < k:
                named = True
                yield hint              # a name in the text is surer than the order: a tree against it is none
        if named:
            return
        yield None
        back = k - 1 if k else None
        if self.marked:
            while back is not None:
                yield back
                back = self.parent[back]
            return
        path: list[int] = []
        while back is not None:
            path.append(back)
            back = self.parent[back]
        self.budget -= len(path)        # the whole path is walked before its top is tried
        yield from reversed(path)

    def _fits(self, k: int, parent: int | None) -> bool:
        reply = self.replies[k]
        depth = 1 if parent is None else self.depth[parent] + 1
        if reply.marked is not None and reply.marked != (depth > 1):
            return False
        if self.limit is not None and reply.button is not None and (depth == self.limit) == reply.button:
            return False
        if depth > (self.limit or depth):
            return False
        moment = reply.moment
        sibling = self.last_child.get(parent)
        if parent is None:
            if sibling is not None and self.order and self._out_of_order(sibling, k, self.order):
                return False
            return True
        if earlier(moment, self.replies[parent].moment):
            return False
        return sibling is None or not earlier(moment, self.replies[sibling].moment)

    def _out_of_order(self, before: int, k: int, order: int) -> bool:
        a, b = self.replies[before].moment, self.replies[k].moment
        return earlier(b, a) if order > 0 else earlier(a, b)

