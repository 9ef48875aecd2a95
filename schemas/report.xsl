<?xml version="1.0" encoding="UTF-8"?>
<!-- The nightly report (schemas/report.xsd) as one standalone HTML page:
     no external assets, charts as inline SVG, a print style. The output is
     polyglot: well-formed XML and HTML5 alike, so every non-void element
     here always gets content (an empty <td/> would confuse an HTML parser). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:faxintake:report:1"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="r">

  <xsl:output method="xml" encoding="UTF-8" indent="yes" omit-xml-declaration="yes"
              doctype-system="about:legacy-compat"/>


  <!-- Largest value of a node set's attribute (0 for none). -->
  <xsl:template name="max">
    <xsl:param name="nodes"/>
    <xsl:choose>
      <xsl:when test="$nodes">
        <xsl:for-each select="$nodes">
          <xsl:sort select="." data-type="number" order="descending"/>
          <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A value, or a dash when it is missing. -->
  <xsl:template name="or-dash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) != ''"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise>&#8212;</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/r:report">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title>faxintake report <xsl:value-of select="@day"/></title>
        <style>
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111;
       margin: 1.5em auto; max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.6em; }
p.when { color: #444; margin-top: 0; }
p.empty { font-weight: bold; padding: 0.6em; border: 1px solid #999; background: #f3f3f3; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.15em 0.5em; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #eee; }
.summary td { font-size: 1.1em; }
svg { display: block; margin: 0.5em 0; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10px; fill: #111; }
svg .bar { fill: #3b6ea8; }
svg .axis { stroke: #555; stroke-width: 1; }
svg .accepted { fill: #3a8a3a; } svg .waiting { fill: #c9a227; }
svg .review { fill: #d9822b; } svg .rejected { fill: #b03a2e; }
@media print {
  body { font-size: 9.5pt; margin: 0; max-width: none; }
  h2 { page-break-after: avoid; break-after: avoid; }
  table, svg, section { page-break-inside: avoid; break-inside: avoid; }
  th, p.empty { background: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
      </head>
      <body>
        <h1>faxintake: report of <xsl:value-of select="@day"/></h1>
        <p class="when">Received from <xsl:value-of select="@start"/> to
          <xsl:value-of select="@end"/> (local time, Europe/Rome).</p>
        <xsl:if test="@empty = 'true'">
          <p class="empty">No faxes were received on this day.</p>
        </xsl:if>
        <xsl:call-template name="summary"/>
        <xsl:apply-templates select="r:hours"/>
        <xsl:apply-templates select="r:senders"/>
        <xsl:apply-templates select="r:documents"/>
        <xsl:apply-templates select="r:reasons"/>
        <xsl:apply-templates select="r:cases"/>
        <xsl:apply-templates select="r:tickets"/>
        <xsl:call-template name="quality"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="summary">
    <section>
      <h2>Summary</h2>
      <table class="summary">
        <tr><th>Faxes received</th><td class="n"><xsl:value-of select="r:faxes/@count"/></td>
            <th>Pages</th><td class="n"><xsl:value-of select="r:faxes/@pages"/></td></tr>
        <tr><th>Processed / duplicate / corrupt</th>
            <td class="n"><xsl:value-of select="concat(r:faxes/@processed, ' / ', r:faxes/@duplicate, ' / ', r:faxes/@corrupt)"/></td>
            <th>Blank pages</th><td class="n"><xsl:value-of select="r:faxes/@blank-pages"/></td></tr>
        <tr><th>Documents</th><td class="n"><xsl:value-of select="r:documents/@count"/></td>
            <th>Reasons given</th><td class="n"><xsl:value-of select="r:reasons/@count"/></td></tr>
        <tr><th>Cases opened / completed</th>
            <td class="n"><xsl:value-of select="concat(r:cases/@opened, ' / ', r:cases/@completed)"/></td>
            <th>Cases waiting at the end of the day</th><td class="n"><xsl:value-of select="r:cases/@waiting"/></td></tr>
        <tr><th>Tickets created</th><td class="n"><xsl:value-of select="r:tickets/@created"/></td>
            <th>Tickets due <xsl:value-of select="r:tickets/@next-business-day"/></th>
            <td class="n"><xsl:value-of select="r:tickets/@due-next"/></td></tr>
        <tr><th>Faxes with a flagged line</th><td class="n"><xsl:value-of select="r:line-quality/@flagged"/></td>
            <th>Mean OCR confidence</th>
            <td class="n"><xsl:call-template name="or-dash">
              <xsl:with-param name="v" select="r:confidence/@mean"/></xsl:call-template></td></tr>
      </table>
    </section>
  </xsl:template>

  <!-- Arrivals by hour: a bar per hour (faxes), 22 px apart. -->
  <xsl:template match="r:hours">
    <xsl:variable name="max0">
      <xsl:call-template name="max"><xsl:with-param name="nodes" select="r:hour/@faxes"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="max" select="number($max0) + number($max0 = 0)"/>
    <section>
      <h2>Arrivals by hour</h2>
      <svg xmlns="http://www.w3.org/2000/svg" width="580" height="170" viewBox="0 0 580 170"
           role="img" aria-label="faxes received per hour">
        <title>Faxes received per hour</title>
        <line class="axis" x1="40" y1="140" x2="572" y2="140"/>
        <line class="axis" x1="40" y1="20" x2="40" y2="140"/>
        <text x="34" y="24" text-anchor="end"><xsl:value-of select="$max0"/></text>
        <text x="34" y="144" text-anchor="end">0</text>
        <xsl:for-each select="r:hour">
          <xsl:variable name="x" select="44 + @h * 22"/>
          <xsl:variable name="hgt" select="round(@faxes * 120 div $max)"/>
          <xsl:if test="@faxes &gt; 0">
            <rect class="bar" x="{$x}" y="{140 - $hgt}" width="16" height="{$hgt}">
              <title><xsl:value-of select="concat(format-number(@h, '00'), ':00-', format-number(@h, '00'), ':59: ', @faxes, ' fax(es), ', @pages, ' page(s)')"/></title>
            </rect>
            <text x="{$x + 8}" y="{136 - $hgt}" text-anchor="middle"><xsl:value-of select="@faxes"/></text>
          </xsl:if>
          <xsl:if test="@h mod 3 = 0">
            <text x="{$x + 8}" y="156" text-anchor="middle"><xsl:value-of select="format-number(@h, '00')"/></text>
          </xsl:if>
        </xsl:for-each>
      </svg>
      <table>
        <tr><th>Hour</th><th class="n">Faxes</th><th class="n">Pages</th></tr>
        <xsl:for-each select="r:hour[@faxes &gt; 0]">
          <tr><td><xsl:value-of select="concat(format-number(@h, '00'), ':00-', format-number(@h, '00'), ':59')"/></td>
              <td class="n"><xsl:value-of select="@faxes"/></td>
              <td class="n"><xsl:value-of select="@pages"/></td></tr>
        </xsl:for-each>
        <tr><th>Total</th><th class="n"><xsl:value-of select="sum(r:hour/@faxes)"/></th>
            <th class="n"><xsl:value-of select="sum(r:hour/@pages)"/></th></tr>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="r:senders">
    <section>
      <h2>Senders</h2>
      <xsl:choose>
        <xsl:when test="r:sender">
          <table>
            <tr><th>Sender</th><th class="n">Faxes</th><th class="n">Pages</th></tr>
            <xsl:for-each select="r:sender">
              <tr><td><xsl:choose>
                    <xsl:when test="@number"><xsl:value-of select="@number"/></xsl:when>
                    <xsl:otherwise>(not given)</xsl:otherwise></xsl:choose></td>
                  <td class="n"><xsl:value-of select="@faxes"/></td>
                  <td class="n"><xsl:value-of select="@pages"/></td></tr>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise><p>No faxes.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Outcomes: a horizontal bar per document status. -->
  <xsl:template match="r:documents">
    <xsl:variable name="max0">
      <xsl:call-template name="max"><xsl:with-param name="nodes" select="r:outcome/@count"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="max" select="number($max0) + number($max0 = 0)"/>
    <section>
      <h2>Documents by outcome and type</h2>
      <svg xmlns="http://www.w3.org/2000/svg" width="480" height="110" viewBox="0 0 480 110"
           role="img" aria-label="documents by outcome">
        <title>Documents by outcome</title>
        <line class="axis" x1="80" y1="5" x2="80" y2="105"/>
        <xsl:for-each select="r:outcome">
          <xsl:variable name="y" select="10 + (position() - 1) * 24"/>
          <xsl:variable name="w" select="round(@count * 340 div $max)"/>
          <text x="74" y="{$y + 13}" text-anchor="end"><xsl:value-of select="@status"/></text>
          <rect class="{@status}" x="80" y="{$y}" width="{$w}" height="18"/>
          <text x="{84 + $w}" y="{$y + 13}"><xsl:value-of select="@count"/></text>
        </xsl:for-each>
      </svg>
      <xsl:choose>
        <xsl:when test="r:type">
          <table>
            <tr><th>Type</th><th class="n">Total</th><th class="n">Accepted</th><th class="n">Waiting</th>
                <th class="n">Review</th><th class="n">Rejected</th></tr>
            <xsl:for-each select="r:type">
              <tr><td><xsl:value-of select="@name"/></td>
                  <td class="n"><xsl:value-of select="@count"/></td>
                  <td class="n"><xsl:value-of select="@accepted"/></td>
                  <td class="n"><xsl:value-of select="@waiting"/></td>
                  <td class="n"><xsl:value-of select="@review"/></td>
                  <td class="n"><xsl:value-of select="@rejected"/></td></tr>
            </xsl:for-each>
            <tr><th>All</th><th class="n"><xsl:value-of select="@count"/></th>
                <xsl:for-each select="r:outcome">
                  <th class="n"><xsl:value-of select="@count"/></th>
                </xsl:for-each></tr>
          </table>
        </xsl:when>
        <xsl:otherwise><p>No documents.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="r:reasons">
    <section>
      <h2>Reasons</h2>
      <xsl:choose>
        <xsl:when test="r:reason">
          <table>
            <tr><th>Code</th><th class="n">Count</th><th class="n">On faxes</th>
                <th class="n">On documents</th><th class="n">On cases</th></tr>
            <xsl:for-each select="r:reason">
              <tr><td><xsl:value-of select="@code"/></td>
                  <td class="n"><xsl:value-of select="@count"/></td>
                  <td class="n"><xsl:value-of select="@faxes"/></td>
                  <td class="n"><xsl:value-of select="@documents"/></td>
                  <td class="n"><xsl:value-of select="@cases"/></td></tr>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise><p>No reasons given.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="r:cases">
    <section>
      <h2>Cases</h2>
      <p>Opened: <xsl:value-of select="@opened"/>. Completed: <xsl:value-of select="@completed"/>.
        Waiting at the end of the day: <xsl:value-of select="@waiting"/>
        (<xsl:value-of select="@review"/> held for a clerk).</p>
      <table>
        <tr><th>Time waiting</th>
          <xsl:for-each select="r:age">
            <th class="n"><xsl:choose>
              <xsl:when test="@days = 'under-2'">under 2 days</xsl:when>
              <xsl:when test="@days = 'over-30'">over 30 days</xsl:when>
              <xsl:otherwise><xsl:value-of select="@days"/> days</xsl:otherwise>
            </xsl:choose></th>
          </xsl:for-each></tr>
        <tr><th>Cases</th>
          <xsl:for-each select="r:age"><td class="n"><xsl:value-of select="@cases"/></td></xsl:for-each></tr>
      </table>
      <xsl:if test="r:waiting-for">
        <table>
          <tr><th>Missing document</th><th class="n">Cases</th></tr>
          <xsl:for-each select="r:waiting-for">
            <tr><td><xsl:value-of select="@type"/></td><td class="n"><xsl:value-of select="@cases"/></td></tr>
          </xsl:for-each>
        </table>
      </xsl:if>
      <xsl:if test="r:waiting">
        <table>
          <tr><th>Case</th><th>Status</th><th>Claim</th><th>Line</th><th>Opened</th>
              <th class="n">Age (days)</th><th>Waits for</th></tr>
          <xsl:for-each select="r:waiting">
            <tr><td><xsl:value-of select="@id"/></td>
                <td><xsl:value-of select="@status"/></td>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@claim"/></xsl:call-template></td>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@line"/></xsl:call-template></td>
                <td><xsl:value-of select="@opened"/></td>
                <td class="n"><xsl:value-of select="@age-days"/></td>
                <td><xsl:choose>
                  <xsl:when test="@missing"><xsl:value-of select="@missing"/></xsl:when>
                  <xsl:otherwise>a clerk</xsl:otherwise></xsl:choose></td></tr>
          </xsl:for-each>
        </table>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="ticket-table">
    <xsl:param name="tickets"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="$tickets">
        <table>
          <tr><th>Ticket</th><th class="n">Rev.</th><th>Case</th><th>Claim</th><th>Delivery</th>
              <th>Line</th><th>Report date</th><th>Due</th></tr>
          <xsl:for-each select="$tickets">
            <tr><td><xsl:value-of select="@id"/></td>
                <td class="n"><xsl:value-of select="@revision"/></td>
                <td><xsl:value-of select="concat(@case, ' (', @case-status, ')')"/></td>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@claim"/></xsl:call-template></td>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@delivery"/></xsl:call-template></td>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@line"/></xsl:call-template></td>
                <td><xsl:value-of select="@report-date"/></td>
                <td><xsl:value-of select="@due-date"/></td></tr>
          </xsl:for-each>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="$none"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="r:tickets">
    <section>
      <h2>Tickets created (report date on this day)</h2>
      <xsl:call-template name="ticket-table">
        <xsl:with-param name="tickets" select="r:created/r:ticket"/>
        <xsl:with-param name="none" select="'No tickets.'"/>
      </xsl:call-template>
      <h2>Tickets due on <xsl:value-of select="@next-business-day"/> (next business day)</h2>
      <xsl:call-template name="ticket-table">
        <xsl:with-param name="tickets" select="r:due/r:ticket"/>
        <xsl:with-param name="none" select="'No tickets due.'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="quality">
    <section>
      <h2>Processing and reading</h2>
      <table>
        <tr><th>Pages timed</th><td class="n"><xsl:value-of select="r:processing/@pages"/></td></tr>
        <tr><th>Time per page, median (ms)</th><td class="n"><xsl:call-template name="or-dash">
          <xsl:with-param name="v" select="r:processing/@median-ms"/></xsl:call-template></td></tr>
        <tr><th>Time per page, 95th percentile (ms)</th><td class="n"><xsl:call-template name="or-dash">
          <xsl:with-param name="v" select="r:processing/@p95-ms"/></xsl:call-template></td></tr>
        <tr><th>Fields read by OCR</th><td class="n"><xsl:value-of select="r:confidence/@fields"/></td></tr>
        <tr><th>Mean OCR confidence</th><td class="n"><xsl:call-template name="or-dash">
          <xsl:with-param name="v" select="r:confidence/@mean"/></xsl:call-template></td></tr>
      </table>
      <h2>Line quality flagged by the gateway</h2>
      <xsl:choose>
        <xsl:when test="r:line-quality/r:fax">
          <table>
            <tr><th>Fax</th><th>Received</th><th>Sender</th><th class="n">CleanFaxData</th>
                <th class="n">BadFaxLines</th></tr>
            <xsl:for-each select="r:line-quality/r:fax">
              <tr><td><xsl:value-of select="@id"/></td>
                  <td><xsl:value-of select="@received"/></td>
                  <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@sender"/></xsl:call-template></td>
                  <td class="n"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@clean-fax-data"/></xsl:call-template></td>
                  <td class="n"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@bad-fax-lines"/></xsl:call-template></td></tr>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise><p>No fax had its line quality flagged.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
