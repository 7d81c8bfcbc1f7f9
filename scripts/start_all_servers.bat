@echo off
rem Windows equivalent of scripts/start_all_servers.sh: builds SyncNet, starts all servers (SYNCNET_SERVERS,
rem default 3) on 127.0.0.1, each in its own minimized window, waits until all are ready and prints the leader.
rem   set SKIP_BUILD=1              use the existing target\syncnet.war and target\server
rem   set SYNCNET_JVM_OPTS=...      JVM flags (default: sized for three servers on a small machine)
rem   set SYNCNET_IO_THREADS=N      Undertow I/O threads per server (default: the cores / the servers, at least 1)
rem   set SYNCNET_CLUSTER_SECRET=.. the cluster secret (default: runtime\cluster.secret, created once)
rem   set SYNCNET_TLS_KEYSTORE=..   the HTTPS key store, with SYNCNET_TLS_KEYSTORE_PASSWORD (default:
rem                                 runtime\tls-keystore.p12, self-signed for localhost and 127.0.0.1, created once)
setlocal EnableExtensions EnableDelayedExpansion

for %%I in ("%~dp0..") do set "ROOT=%%~fI"
set "RUNTIME=%ROOT%\runtime"
set "JBOSS_HOME=%ROOT%\target\server"
set "WAR=%ROOT%\target\syncnet.war"
if "%SYNCNET_SERVERS%"=="" set "SYNCNET_SERVERS=3"
if "%SYNCNET_START_TIMEOUT%"=="" set "SYNCNET_START_TIMEOUT=90"
if "%SYNCNET_IO_THREADS%"=="" set /a SYNCNET_IO_THREADS=%NUMBER_OF_PROCESSORS% / %SYNCNET_SERVERS%
if %SYNCNET_IO_THREADS% LSS 1 set "SYNCNET_IO_THREADS=1"
if "%SYNCNET_JVM_OPTS%"=="" set "SYNCNET_JVM_OPTS=-XX:+UseG1GC -XX:MaxGCPauseMillis=10 -XX:TieredStopAtLevel=1 -Xss512k -Xms384m -Xmx384m -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m"
set "NOPAUSE=true"

rem --- already running / ports taken? (HTTP 8080+o, HTTPS 8443+o, management 9990+o, cluster UDP 8020+o, o = N-1)
set "BAD="
for /L %%N in (1,1,%SYNCNET_SERVERS%) do (
    set /a HTTP=8079+%%N, HTTPS=8442+%%N, MGMT=9989+%%N, UDP=8019+%%N
    netstat -ano -p TCP | findstr /R /C:":!HTTP! .*LISTENING" >nul && (echo   server%%N: HTTP port !HTTP! is already in use& set "BAD=1")
    netstat -ano -p TCP | findstr /R /C:":!HTTPS! .*LISTENING" >nul && (echo   server%%N: HTTPS port !HTTPS! is already in use& set "BAD=1")
    netstat -ano -p TCP | findstr /R /C:":!MGMT! .*LISTENING" >nul && (echo   server%%N: management port !MGMT! is already in use& set "BAD=1")
    netstat -ano -p UDP | findstr /C:":!UDP! " >nul && (echo   server%%N: cluster UDP port !UDP! is already in use& set "BAD=1")
)
if defined BAD (
    echo ERROR: ports needed by the cluster are taken ^(a cluster already running? scripts\stop_all_servers.bat^)
    exit /b 1
)

rem --- build
if not "%SKIP_BUILD%"=="1" (
    echo Building ^(mvn -B -q -DskipTests package; set SKIP_BUILD=1 to skip^) ...
    pushd "%ROOT%"
    call mvn -B -q -DskipTests package
    if errorlevel 1 (
        popd
        echo ERROR: the build failed
        exit /b 1
    )
    popd
)
if not exist "%WAR%" (echo ERROR: %WAR% is missing; build first& exit /b 1)
if not exist "%JBOSS_HOME%\bin\standalone.bat" (echo ERROR: %JBOSS_HOME% is missing; build first& exit /b 1)
if not exist "%RUNTIME%" mkdir "%RUNTIME%"

rem --- cluster secret: from the environment, else runtime\cluster.secret (256 random bits, created once)
if "%SYNCNET_CLUSTER_SECRET%"=="" (
    if not exist "%RUNTIME%\cluster.secret" (
        powershell -NoProfile -Command "$b = New-Object byte[] 32; [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($b); [IO.File]::WriteAllText('%RUNTIME%\cluster.secret', (($b | ForEach-Object { $_.ToString('x2') }) -join ''))"
        if errorlevel 1 (echo ERROR: could not create %RUNTIME%\cluster.secret& exit /b 1)
        echo Created a random cluster secret in %RUNTIME%\cluster.secret
    )
    set /p SYNCNET_CLUSTER_SECRET=<"%RUNTIME%\cluster.secret"
)

rem --- HTTPS key store: from the environment, else runtime\tls-keystore.p12, a self-signed certificate for localhost and
rem     127.0.0.1 made once with the JDK's keytool, its random password in runtime\tls-keystore.password
set "TLS_NOTE="
if "%SYNCNET_TLS_KEYSTORE%"=="" (
    set "KEYTOOL=keytool"
    if exist "%JAVA_HOME%\bin\keytool.exe" set "KEYTOOL=%JAVA_HOME%\bin\keytool.exe"
    if not exist "%RUNTIME%\tls-keystore.p12" (
        powershell -NoProfile -Command "$b = New-Object byte[] 24; [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($b); [IO.File]::WriteAllText('%RUNTIME%\tls-keystore.password', (($b | ForEach-Object { $_.ToString('x2') }) -join ''))"
        if errorlevel 1 (echo ERROR: could not create %RUNTIME%\tls-keystore.password& exit /b 1)
        set /p SYNCNET_TLS_KEYSTORE_PASSWORD=<"%RUNTIME%\tls-keystore.password"
        "!KEYTOOL!" -genkeypair -alias syncnet -keyalg EC -groupname secp256r1 -validity 825 -dname CN=localhost -ext "SAN=dns:localhost,ip:127.0.0.1" -ext EKU=serverAuth -storetype PKCS12 -keystore "%RUNTIME%\tls-keystore.p12" -storepass:env SYNCNET_TLS_KEYSTORE_PASSWORD >nul
        if errorlevel 1 (echo ERROR: keytool could not create %RUNTIME%\tls-keystore.p12; set JAVA_HOME or SYNCNET_TLS_KEYSTORE& exit /b 1)
        echo Created a self-signed HTTPS certificate for localhost and 127.0.0.1 in %RUNTIME%\tls-keystore.p12
    )
    set /p SYNCNET_TLS_KEYSTORE_PASSWORD=<"%RUNTIME%\tls-keystore.password"
    set "SYNCNET_TLS_KEYSTORE=%RUNTIME%\tls-keystore.p12"
    set "TLS_NOTE=HTTPS uses a self-signed certificate; for a real one set SYNCNET_TLS_KEYSTORE and SYNCNET_TLS_KEYSTORE_PASSWORD"
)

rem --- members list derived from the server count (unless SYNCNET_CLUSTER_MEMBERS is set)
if "%SYNCNET_CLUSTER_MEMBERS%"=="" (
    set "MEMBERS="
    for /L %%N in (1,1,%SYNCNET_SERVERS%) do (
        set /a UDP=8019+%%N, RING=%%N-1
        if defined MEMBERS (set "MEMBERS=!MEMBERS!,server%%N@127.0.0.1:!UDP!/!RING!") else (set "MEMBERS=server%%N@127.0.0.1:!UDP!/!RING!")
    )
    set "SYNCNET_CLUSTER_MEMBERS=!MEMBERS!"
)
set "JBOSS_JAVA_SIZING=%SYNCNET_JVM_OPTS%"

rem --- fresh base dirs and start
echo Starting %SYNCNET_SERVERS% servers (members: %SYNCNET_CLUSTER_MEMBERS%) ...
for /L %%N in (1,1,%SYNCNET_SERVERS%) do (
    set "BASE=%RUNTIME%\server%%N"
    set /a OFFSET=%%N-1
    for %%D in (configuration tmp deployments lib) do if exist "!BASE!\%%D" rmdir /s /q "!BASE!\%%D"
    rem data\syncnet (the chat history database) is kept; the rest of data\ starts empty
    if exist "!BASE!\data" for /d %%E in ("!BASE!\data\*") do if /i not "%%~nxE"=="syncnet" rmdir /s /q "%%E"
    if exist "!BASE!\data" del /q "!BASE!\data\*" 2>nul
    if not exist "!BASE!\log" mkdir "!BASE!\log"
    xcopy /e /i /q /y "%JBOSS_HOME%\standalone\configuration" "!BASE!\configuration" >nul
    mkdir "!BASE!\deployments" "!BASE!\tmp"
    if not exist "!BASE!\data" mkdir "!BASE!\data"
    copy /y "%WAR%" "!BASE!\deployments\syncnet.war" >nul
    rem The console stays in the minimized window; the server log is !BASE!\log\server.log.
    start "SyncNet server%%N" /MIN cmd /c ""%JBOSS_HOME%\bin\standalone.bat" -b 127.0.0.1 -bmanagement 127.0.0.1 "-Djboss.server.base.dir=!BASE!" -Djboss.node.name=server%%N -Djboss.socket.binding.port-offset=!OFFSET! -Dsyncnet.server.id=server%%N -Dsyncnet.io-threads=%SYNCNET_IO_THREADS%"
)

rem --- wait for readiness (MicroProfile Health on the management ports)
powershell -NoProfile -Command ^
  "$deadline = (Get-Date).AddSeconds(%SYNCNET_START_TIMEOUT%);" ^
  "foreach ($n in 1..%SYNCNET_SERVERS%) { $p = 9989 + $n;" ^
  "  while ($true) { try { $r = Invoke-WebRequest -UseBasicParsing -TimeoutSec 2 ('http://127.0.0.1:' + $p + '/health/ready'); if ($r.StatusCode -eq 200) { Write-Host ('  server' + $n + ' ready'); break } } catch {}" ^
  "    if ((Get-Date) -gt $deadline) { Write-Host ('ERROR: server' + $n + ' is not ready after %SYNCNET_START_TIMEOUT% s; see %RUNTIME%\server' + $n + '\log\server.log'); exit 1 }" ^
  "    Start-Sleep -Milliseconds 500 } }; exit 0"
if errorlevel 1 (
    echo Stop what started with scripts\stop_all_servers.bat
    exit /b 1
)

echo.
for /L %%N in (1,1,%SYNCNET_SERVERS%) do (
    set /a HTTP=8079+%%N, HTTPS=8442+%%N, MGMT=9989+%%N
    echo   server%%N  page http://127.0.0.1:!HTTP!/syncnet/ https://127.0.0.1:!HTTPS!/syncnet/   REST http://127.0.0.1:!HTTP!/syncnet/api/cluster   health http://127.0.0.1:!MGMT!/health/ready
)
powershell -NoProfile -Command "$v = Invoke-RestMethod -TimeoutSec 3 http://127.0.0.1:8080/syncnet/api/cluster; Write-Host ('Leader: ' + $v.leader + ' (epoch ' + $v.epoch + ')')"
if defined TLS_NOTE echo %TLS_NOTE%
echo Logs: %RUNTIME%\serverN\log\server.log   Stop: scripts\stop_all_servers.bat
exit /b 0
