"""Video links pasted by staff: accept the usual YouTube and Vimeo forms, refuse the rest.

Only the provider and the video id are kept. Pages build the watch link (for the
play button without JavaScript) and static/js/exercises.js builds the privacy-enhanced
embed from them, so no video-host URL is ever taken from the pasted text itself.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

YOUTUBE = "youtube"
VIMEO = "vimeo"
PROVIDER_CHOICES = [(YOUTUBE, "YouTube"), (VIMEO, "Vimeo")]

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[1-9][0-9]{0,11}")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
VIMEO_PLAYER_HOSTS = {"player.vimeo.com"}

# YouTube paths that carry the id as their second part: /shorts/ID, /embed/ID, ...
YOUTUBE_ID_PATHS = {"shorts", "embed", "live", "v"}

NOT_A_VIDEO_SITE = (
    "Paste a link to one video on YouTube or Vimeo, for example "
    "https://www.youtube.com/watch?v=… or https://vimeo.com/123456789. "
    "Links to other sites cannot be shown on the page."
)
NOT_A_WEB_LINK = "This is not a web link. Paste a link that starts with https://."
PLAYLIST = (
    "This is a YouTube playlist, not one video. Open the video you want and copy "
    "its own link (it has “watch?v=” or “youtu.be/” in it)."
)
BAD_YOUTUBE_ID = (
    "This YouTube link has no valid video id (11 letters, digits, “-” or “_”). "
    "Copy the link again from the video’s Share button."
)
VIMEO_UNLISTED = (
    "This is an unlisted Vimeo link (it has a private code after the number). "
    "Only public Vimeo videos can be shown: make the video public on Vimeo, then paste "
    "https://vimeo.com/<number>."
)
BAD_VIMEO_ID = (
    "This Vimeo link has no valid video number. Copy the link again from the "
    "video’s page, for example https://vimeo.com/123456789."
)


@dataclass(frozen=True)
class Video:
    provider: str
    id: str

    @property
    def watch_url(self):
        """Where the play button goes when JavaScript is off."""
        if self.provider == YOUTUBE:
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://vimeo.com/{self.id}"

    @property
    def embed_url(self):
        """The privacy-enhanced player; static/js/exercises.js builds the same URL."""
        if self.provider == YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.id}?dnt=1&autoplay=1"

    @property
    def provider_name(self):
        return dict(PROVIDER_CHOICES)[self.provider]


def _youtube_id(candidate):
    if candidate and YOUTUBE_ID.fullmatch(candidate):
        return Video(YOUTUBE, candidate)
    raise ValidationError(BAD_YOUTUBE_ID, code="bad_youtube_id")


def _vimeo_id(candidate):
    if candidate and VIMEO_ID.fullmatch(candidate):
        return Video(VIMEO, candidate)
    raise ValidationError(BAD_VIMEO_ID, code="bad_vimeo_id")


def _on_youtube(segments, query):
    """youtube.com/watch?v=ID, /shorts/ID, /embed/ID, /live/ID, /v/ID."""
    if segments == ["watch"]:
        if "v" in query:
            return _youtube_id(query["v"][0])
        if "list" in query:
            raise ValidationError(PLAYLIST, code="playlist")
        return _youtube_id("")
    if segments == ["playlist"] or segments == ["embed", "videoseries"]:
        raise ValidationError(PLAYLIST, code="playlist")
    if len(segments) == 2 and segments[0] in YOUTUBE_ID_PATHS:
        return _youtube_id(segments[1])
    return _youtube_id("")


def _on_youtu_be(segments, query):
    """youtu.be/ID."""
    return _youtube_id(segments[0] if len(segments) == 1 else "")


def _on_youtube_nocookie(segments, query):
    """youtube-nocookie.com/embed/ID."""
    if segments == ["embed", "videoseries"]:
        raise ValidationError(PLAYLIST, code="playlist")
    return _youtube_id(segments[1] if len(segments) == 2 and segments[0] == "embed" else "")


def _on_vimeo(segments, query):
    """vimeo.com/123, /channels/<name>/123, /groups/<name>/videos/123."""
    if len(segments) == 2 and segments[0].isdigit():
        raise ValidationError(VIMEO_UNLISTED, code="vimeo_unlisted")
    match segments:
        case [number] | ["channels", _, number] | ["groups", _, "videos", number]:
            return _vimeo_id(number)
    return _vimeo_id("")


def _on_vimeo_player(segments, query):
    """player.vimeo.com/video/123 (with ?h=… it is unlisted)."""
    if "h" in query:
        raise ValidationError(VIMEO_UNLISTED, code="vimeo_unlisted")
    return _vimeo_id(segments[1] if len(segments) == 2 and segments[0] == "video" else "")


# Each video site's hosts, and how a link on them names one video.
READERS = {
    **dict.fromkeys(YOUTUBE_HOSTS, _on_youtube),
    **dict.fromkeys(YOUTUBE_SHORT_HOSTS, _on_youtu_be),
    **dict.fromkeys(YOUTUBE_NOCOOKIE_HOSTS, _on_youtube_nocookie),
    **dict.fromkeys(VIMEO_HOSTS, _on_vimeo),
    **dict.fromkeys(VIMEO_PLAYER_HOSTS, _on_vimeo_player),
}


def parse_video_url(url):
    """Return the Video a pasted link points to, or raise ValidationError saying why not."""
    text = (url or "").strip()
    # Staff often paste "youtu.be/..." without the scheme.
    if "://" not in text and re.match(r"(www\.|m\.)?(youtube\.com|youtu\.be|vimeo\.com)/", text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ValidationError(NOT_A_WEB_LINK, code="not_a_web_link") from error
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ValidationError(NOT_A_WEB_LINK, code="not_a_web_link")
    reader = READERS.get((parts.hostname or "").lower())
    if reader is None or parts.username or parts.password or port not in (None, 80, 443):
        raise ValidationError(NOT_A_VIDEO_SITE, code="foreign_host")
    segments = [segment for segment in parts.path.split("/") if segment]
    return reader(segments, parse_qs(parts.query))


def validate_video_url(url):
    """Model field validator: the link must be one YouTube or Vimeo video."""
    if url:
        parse_video_url(url)
