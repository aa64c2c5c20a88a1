#!/bin/bash
url=$1; out=$2
CHROME_PATH=/usr/bin/chromium timeout 300 npx lighthouse "$url" --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync --no-first-run" --output=json --output-path=$out --quiet
python3 - "$out" <<'PY'
import json,sys; d=json.load(open(sys.argv[1]))
print({k:v['score'] for k,v in d['categories'].items()})
a=d['audits']
print({k:a[k].get('displayValue') for k in ['first-contentful-paint','largest-contentful-paint','cumulative-layout-shift','total-blocking-time','total-byte-weight','speed-index']})
for cat in d['categories'].values():
  for ref in cat['auditRefs']:
    au=a[ref['id']]
    if au.get('score') is not None and au['score']<1 and ref.get('weight',0)>0: print('  FAIL', cat['id'], ref['id'], au['score'], au.get('displayValue',''))
PY
