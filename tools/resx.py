import sys, html
HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
def write(path, pairs):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k, v in pairs:
            f.write(f'  <data name="{html.escape(k)}" xml:space="preserve"><value>{html.escape(v, quote=False)}</value></data>\n')
        f.write('</root>\n')
# usage: resx.py tsvfile out_base   (tsv: key \t pt \t en)
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8') if l.strip() and not l.startswith('#')]
for r in rows:
    assert len(r) == 3, r
write(sys.argv[2] + '.resx', [(r[0], r[1]) for r in rows])
write(sys.argv[2] + '.en-US.resx', [(r[0], r[2]) for r in rows])
