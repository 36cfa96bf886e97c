<?xml version="1.0" encoding="UTF-8"?>
<!-- Makes atom.xml and rss.xml read as a page when opened in a browser; feed readers ignore it.
     Rendered once per build as feed.xsl (autoescaped: .xsl). XSLT 1.0, what browsers run. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
          .note { padding: 0.75rem 1rem; border: 1px solid currentColor; border-radius: 0.5rem; }
          article { margin: 1.5rem 0; }
          article h2 { font-size: 1.1rem; margin: 0; }
          article p { margin: 0.25rem 0; opacity: 0.8; }
        </style>
      </head>
      <body>
        <p class="note">This is a web feed: copy the address of this page into your feed reader
          to follow The Machine Learning Road Map.</p>
        <h1><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></h1>
        <p><xsl:value-of select="atom:feed/atom:subtitle | rss/channel/description"/></p>
        <p><a href="https://roadmap.example.org/">The Machine Learning Road Map</a></p>
        <xsl:for-each select="atom:feed/atom:entry">
          <article>
            <h2><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
            <p><xsl:value-of select="substring(atom:updated, 1, 10)"/><xsl:for-each select="atom:category"> · <xsl:value-of select="@term"/></xsl:for-each></p>
          </article>
        </xsl:for-each>
        <xsl:for-each select="rss/channel/item">
          <article>
            <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
            <p><xsl:value-of select="substring(pubDate, 6, 11)"/><xsl:for-each select="category"> · <xsl:value-of select="."/></xsl:for-each></p>
          </article>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
