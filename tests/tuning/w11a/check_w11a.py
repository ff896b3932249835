import json,glob,os,re,collections
from datetime import datetime
cnt=collections.Counter()
for fn in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)),'*.json'))):
    d=json.load(open(fn)); b=os.path.basename(fn); e=d['expect']; c=d['contact']; m=d['messages']
    errs=[]
    mm=re.match(r'(scam|benign)_(en|hi|hinglish|mr)_(\d\d)_[a-z0-9_]+\.json$',b)
    if not mm: errs.append('name')
    else:
        if mm.group(1)!=e['kind'] or mm.group(2)!=e['language']: errs.append('name/expect mismatch')
    if e['script'] not in ('native','roman','mixed'): errs.append('script')
    if 'name' not in c or c.get('friend_status') not in ('request_received','friends','not_friends','unknown'): errs.append('contact')
    if not 6<=len(m)<=30: errs.append(f'len {len(m)}')
    prev=None
    for i,x in enumerate(m):
        t=datetime.fromisoformat(x['at'])
        if not x['at'].endswith('+05:30'): errs.append(f'tz {i}')
        if prev and t<prev: errs.append(f'order {i}')
        prev=t
        if x['from'] not in ('them','me'): errs.append(f'from {i}')
        if c.get('group') and x['from']=='them' and not x.get('author'): errs.append(f'author {i}')
        if not c.get('group') and 'author' in x: errs.append(f'author in non-group {i}')
        if x['kind'] not in 'text forwarded image video sticker link audio video_call missed_video_call audio_call missed_audio_call'.split(): errs.append(f'kind {i}')
        if t>datetime.fromisoformat('2026-11-30T23:59:00+05:30'): errs.append(f'future {i}')
    if e['kind']=='scam':
        for k in ('off_platform_at','video_call_at','extortion_at'):
            v=e.get(k,'MISSING')
            if v=='MISSING': errs.append('missing '+k)
            elif v is not None and (v>=len(m) or m[v]['from']!='them'): errs.append(f'{k}={v} not them')
    else:
        if set(e)-{'kind','language','script','category'}: errs.append('benign extra keys')
    cnt[(e['language'],e['kind'])]+=1
    if errs: print(b,errs)
print(dict(cnt))
