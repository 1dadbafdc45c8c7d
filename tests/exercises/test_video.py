"""Video links: every usual YouTube and Vimeo form is accepted, anything else refused."""

import pytest
from django.core.exceptions import ValidationError

from exercises.video import Video, parse_video_url

ID = "dQw4w9WgXcQ"

ACCEPTED = [
    (f"https://www.youtube.com/watch?v={ID}", "youtube", ID),
    (f"https://youtube.com/watch?v={ID}&t=42s", "youtube", ID),
    (f"http://www.youtube.com/watch?feature=share&v={ID}", "youtube", ID),
    (f"https://m.youtube.com/watch?v={ID}", "youtube", ID),
    (f"https://music.youtube.com/watch?v={ID}", "youtube", ID),
    (f"https://www.youtube.com/watch?v={ID}&list=PL1234567890abcdef", "youtube", ID),
    (f"https://youtu.be/{ID}", "youtube", ID),
    (f"https://youtu.be/{ID}?si=AbCdEfGh12345&t=10", "youtube", ID),
    (f"youtu.be/{ID}", "youtube", ID),
    (f"  www.youtube.com/watch?v={ID}  ", "youtube", ID),
    (f"https://www.youtube.com/shorts/{ID}", "youtube", ID),
    (f"https://youtube.com/shorts/{ID}?feature=share", "youtube", ID),
    (f"https://www.youtube.com/embed/{ID}", "youtube", ID),
    (f"https://www.youtube.com/embed/{ID}?start=30", "youtube", ID),
    (f"https://www.youtube.com/live/{ID}", "youtube", ID),
    (f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1", "youtube", ID),
    (f"HTTPS://WWW.YOUTUBE.COM/watch?v={ID}", "youtube", ID),
    ("https://www.youtube.com/watch?v=a-b_c-d_e-f", "youtube", "a-b_c-d_e-f"),
    ("https://vimeo.com/76979871", "vimeo", "76979871"),
    ("https://www.vimeo.com/76979871?share=copy", "vimeo", "76979871"),
    ("vimeo.com/76979871", "vimeo", "76979871"),
    ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871"),
    ("https://vimeo.com/groups/physio/videos/76979871", "vimeo", "76979871"),
    ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
    ("https://player.vimeo.com/video/76979871?badge=0&autopause=0", "vimeo", "76979871"),
]

REFUSED = [
    ("", "not_a_web_link"),
    ("javascript:alert(1)", "not_a_web_link"),
    ("JavaScript://www.youtube.com/%0Aalert(1)", "not_a_web_link"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "not_a_web_link"),
    (f"ftp://www.youtube.com/watch?v={ID}", "not_a_web_link"),
    (f"//www.youtube.com/watch?v={ID}", "not_a_web_link"),
    ("https://[::1/", "not_a_web_link"),
    (f"https://www.youtube.com.evil.example/watch?v={ID}", "foreign_host"),
    (f"https://evil.example/www.youtube.com/watch?v={ID}", "foreign_host"),
    (f"https://www.youtube.com@evil.example/watch?v={ID}", "foreign_host"),
    (f"https://user:pass@www.youtube.com/watch?v={ID}", "foreign_host"),
    (f"https://www.youtube.com:8443/watch?v={ID}", "foreign_host"),
    (f"https://notyoutube.com/watch?v={ID}", "foreign_host"),
    ("https://www.dailymotion.com/video/x7tgad0", "foreign_host"),
    ("https://www.tiktok.com/@clinic/video/7212345678901234567", "foreign_host"),
    ("https://example.com/exercise.mp4", "foreign_host"),
    ("https://www.youtube.com/playlist?list=PL1234567890abcdef", "playlist"),
    ("https://www.youtube.com/watch?list=PL1234567890abcdef", "playlist"),
    ("https://www.youtube.com/embed/videoseries?list=PL1234567890abcdef", "playlist"),
    ("https://www.youtube.com/watch?v=short", "bad_youtube_id"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQX", "bad_youtube_id"),
    ('https://www.youtube.com/watch?v=dQw4w9"><x', "bad_youtube_id"),
    ("https://www.youtube.com/watch?v=dQw4w9WgX%3C", "bad_youtube_id"),
    ("https://www.youtube.com/watch", "bad_youtube_id"),
    ("https://www.youtube.com/@SomeChannel", "bad_youtube_id"),
    ("https://www.youtube.com/", "bad_youtube_id"),
    ("https://youtu.be/", "bad_youtube_id"),
    (f"https://youtu.be/{ID}/extra", "bad_youtube_id"),
    ("https://www.youtube-nocookie.com/", "bad_youtube_id"),
    ("https://vimeo.com/", "bad_vimeo_id"),
    ("https://vimeo.com/abc", "bad_vimeo_id"),
    ("https://vimeo.com/0123", "bad_vimeo_id"),
    ("https://vimeo.com/1234567890123", "bad_vimeo_id"),
    ("https://vimeo.com/showcase/123456", "bad_vimeo_id"),
    ("https://player.vimeo.com/video/", "bad_vimeo_id"),
    ("https://player.vimeo.com/video/12ab", "bad_vimeo_id"),
    ("https://vimeo.com/76979871/abcdef1234", "vimeo_unlisted"),
    ("https://player.vimeo.com/video/76979871?h=abcdef1234", "vimeo_unlisted"),
]


@pytest.mark.parametrize(("url", "provider", "video_id"), ACCEPTED)
def test_usual_youtube_and_vimeo_links_are_accepted_and_reduced_to_provider_and_id(
    url, provider, video_id
):
    assert parse_video_url(url) == Video(provider, video_id)


@pytest.mark.parametrize(("url", "code"), REFUSED)
def test_foreign_hostile_and_malformed_links_are_refused_with_a_reason(url, code):
    with pytest.raises(ValidationError) as refused:
        parse_video_url(url)
    assert refused.value.code == code
    # The message tells staff what to do, in a sentence.
    assert refused.value.message.endswith(".")


def test_embeds_use_only_the_privacy_enhanced_players():
    assert (
        Video("youtube", ID).embed_url == f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1"
    )
    assert (
        Video("vimeo", "76979871").embed_url
        == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    )


def test_the_play_link_without_javascript_goes_to_the_video_page():
    assert Video("youtube", ID).watch_url == f"https://www.youtube.com/watch?v={ID}"
    assert Video("vimeo", "76979871").watch_url == "https://vimeo.com/76979871"
