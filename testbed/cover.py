#!/usr/bin/env python3
"""Carry the hand-written subject and text of the old cover letter into the
one format-patch just made, which has the fresh shortlog and diffstat.

usage: cover.py OLD_COVER NEW_COVER   (NEW_COVER is rewritten)
"""
import glob
import os
import re
import sys

SHORTLOG = re.compile(r'^\S.* \(\d+\):$')


def split(text):
    head, _, body = text.partition('\n\n')
    lines = body.split('\n')
    for i, line in enumerate(lines):
        if SHORTLOG.match(line):
            return head, '\n'.join(lines[:i]).rstrip('\n'), '\n'.join(lines[i:])
    return head, body.rstrip('\n'), ''


def subject(head):
    m = re.search(r'^Subject: (.*(?:\n .*)*)', head, re.M)
    return m.group(1) if m else ''


old_head, old_blurb, _ = split(open(sys.argv[1]).read())
new_text = open(sys.argv[2]).read()
new_head, _, new_tail = split(new_text)
prefix = re.match(r'\[PATCH[^\]]*\] ', subject(new_head)).group(0)
old_subject = re.sub(r'^\[PATCH[^\]]*\] ', '', subject(old_head))
new_head = new_head.replace(subject(new_head), prefix + old_subject)
# The cover's Date would otherwise be the time of the export: use the
# newest patch's, so an unchanged series exports unchanged.
patches = sorted(glob.glob(os.path.join(os.path.dirname(sys.argv[2]), '0*.patch')))
last = open(patches[-1]).read()
date = re.search(r'^Date: .*$', last, re.M).group(0)
new_head = re.sub(r'^Date: .*$', date, new_head, count=1, flags=re.M)
with open(sys.argv[2], 'w') as f:
    f.write(new_head + '\n\n' + old_blurb + '\n\n' + new_tail)
